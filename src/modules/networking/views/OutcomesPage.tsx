// The outcome report of a meeting: every group's results, grouped by round and group, without a
// single name. The team sees who may read it and can leave single entries out.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ButtonLink, CsrfField, Markdown, Notice } from '../../../platform/html/components.js';
import { eventLanguage, text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import type { BoardEntry } from '../boards.service.js';
import type { OutcomeReport } from '../report.service.js';

export function OutcomesPage({ ctx, event, report, downloads, team, leftOut, asOf }: {
  ctx: PageContext; event: LabEvent; report: OutcomeReport;
  /** Where the Markdown and PDF files are, for this reader. */
  downloads: { markdown: string; pdf: string };
  /** Set for the event's team: may they leave entries out (event.edit)? */
  team: { canEdit: boolean } | null;
  /** Entries the team left out (shown to the team only). */
  leftOut: BoardEntry[];
  asOf: string;
}) {
  const o = ctx.t.outcomes;
  const title = o.title(text(event, 'title', ctx.locale).text);
  const csrf = ctx.csrfToken ?? '';
  const toggle = (entryId: number, include: boolean, label: string) => (
    <form method="post" action={`/admin/events/${event.slug}/outcomes/entries/${entryId}`} class="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="include" value={include ? 'yes' : 'no'} />
      <Button kind="secondary">{include ? o.include : o.leaveOut}<span class="visually-hidden">: {label}</span></Button>
    </form>
  );
  const d = ctx.t.community.drafts;
  /** Turns an entry into a community draft (#7): the text only, never a name. */
  const toCommunity = (entryId: number, label: string) => (['practice', 'challenge'] as const).map((kind) => (
    <form method="post" action="/admin/community/drafts" class="inline-form">
      <CsrfField token={csrf} />
      <input type="hidden" name="from" value="outcome" />
      <input type="hidden" name="event" value={event.slug} />
      <input type="hidden" name="id" value={String(entryId)} />
      <input type="hidden" name="kind" value={kind} />
      <Button kind="secondary">{kind === 'practice' ? d.toPractice : d.toChallenge}<span class="visually-hidden">: {label}</span></Button>
    </form>
  ));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="muted">{o.generated(asOf)}</p>
      {team ? <Notice kind="info"><p>{o.teamNote(ctx.t.networkingAdmin.visibilities[report.settings.visibility]!)}</p></Notice> : null}
      {report.settings.summary ? <Markdown source={report.settings.summary} lang={eventLanguage(event)} /> : null}
      <p>{report.groups.length === 0 ? o.empty : o.intro(report.groups.length, report.entryCount)}</p>
      <p class="button-row">
        <ButtonLink kind="secondary" href={downloads.markdown} download>{o.markdown}</ButtonLink>
        <ButtonLink kind="secondary" href={downloads.pdf} download>{o.pdf}</ButtonLink>
      </p>
      {report.groups.map((group) => (
        <section class="outcome-group" aria-labelledby={`g-${group.roundNumber}-${group.groupNumber}`}>
          <h2 id={`g-${group.roundNumber}-${group.groupNumber}`}>{o.group(group.roundNumber, group.groupNumber)}</h2>
          <p class="muted">{group.prompt}</p>
          {group.sections.map((section) => (
            <>
              <h3>{ctx.t.networking.sections[section.section]}</h3>
              <ul>
                {section.entries.map((entry) => (
                  <li class="outcome-entry">
                    <span class="outcome-entry__text">{entry.text}</span>
                    {team?.canEdit ? toggle(entry.id, false, entry.text.slice(0, 60)) : null}
                    {team?.canEdit ? toCommunity(entry.id, entry.text.slice(0, 60)) : null}
                  </li>
                ))}
              </ul>
            </>
          ))}
        </section>
      ))}
      {team && leftOut.length > 0 ? (
        <section aria-labelledby="left-out">
          <h2 id="left-out">{o.leftOutHeading}</h2>
          <ul>
            {leftOut.map((entry) => (
              <li class="outcome-entry">
                <span class="outcome-entry__text">{entry.text}</span>
                {team.canEdit ? toggle(entry.id, true, entry.text.slice(0, 60)) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
