// The programme on the event page: speakers (grouped as on the seed's page), moderation, agenda.
import { type Locale, type Messages, pickLocalized } from '../../../platform/i18n/index.js';
import { formatTime } from '../../../platform/time.js';
import { groupSpeakers } from '../program.service.js';
import type { Program, ProgramPerson } from '../program.types.js';

const names = (people: ProgramPerson[]) => people.map((p) => p.name).join(' & ');

export function SpeakerList({ program, locale, fallback, t }: { program: Program; locale: Locale; fallback: Locale; t: Messages }) {
  const groups = groupSpeakers(program.speakers);
  const moderator = program.moderators[0];
  if (groups.length === 0 && !moderator) return null;
  return (
    <section class="event-section" aria-labelledby="speakers">
      <h2 id="speakers">{t.event.speakers}</h2>
      {groups.length > 0 ? (
        <ul class="people">
          {groups.map((group) => {
            const bio = pickLocalized(group[0]!.bio, locale, fallback);
            const organisations = [...new Set(group.map((p) => p.organisation).filter(Boolean))].join(', ');
            return (
              <li class="person">
                <h3 class="person__name">{names(group)}</h3>
                {organisations ? <p class="person__organisation">{organisations}</p> : null}
                {bio.text ? <p class="person__bio" lang={bio.locale === locale ? undefined : bio.locale}>{bio.text}</p> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {moderator ? <p class="moderation">{t.event.moderatedBy(moderator.name, moderator.organisation)}</p> : null}
    </section>
  );
}

export function Agenda({ program, locale, fallback, t, timeZone, nowItemId = null }: {
  program: Program; locale: Locale; fallback: Locale; t: Messages; timeZone: string;
  /** The live room marks the item running now. */
  nowItemId?: number | null;
}) {
  if (program.agenda.length === 0) return null;
  const people = new Map([...program.speakers, ...program.moderators].map((p) => [p.id, p]));
  return (
    <section class="event-section" aria-labelledby="agenda">
      <h2 id="agenda">{t.event.agenda}</h2>
      <ol class="agenda">
        {program.agenda.map((item) => {
          const title = pickLocalized(item.title, locale, fallback);
          const who = item.personIds.map((id) => people.get(id)).filter((p): p is ProgramPerson => p !== undefined);
          return (
            <li class={`agenda__item agenda__item--${item.kind}${item.id === nowItemId ? ' agenda__item--now' : ''}`} aria-current={item.id === nowItemId ? 'time' : undefined}>
              {item.id === nowItemId ? <span class="badge badge--open agenda__now">{t.live.nowBadge}</span> : null}
              {item.startsAt ? <time class="agenda__time" dateTime={item.startsAt.toISOString()}>{formatTime(item.startsAt, timeZone, locale)}</time> : null}
              <span class="agenda__kind">{t.event.agendaKind[item.kind]}</span>
              <span class="agenda__title" lang={title.locale === locale ? undefined : title.locale}>{title.text}</span>
              {who.length > 0 ? <span class="agenda__people">{names(who)}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
