// The live room as participants and the team see it, and the page everyone else gets instead.
// Only the first shows the video link; the refusals explain how to get access and nothing more.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout, assetUrl } from '../../../platform/html/layout.js';
import { Notice } from '../../../platform/html/components.js';
import { formatLongDate, formatTime } from '../../../platform/time.js';
import { eventLanguage, text, when } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { pickLocalized } from '../../../platform/i18n/locale.js';
import type { Question } from '../../qa/qa.service.js';
import type { Program } from '../../program/program.types.js';
import { Agenda } from '../../program/views/program-views.js';
import type { RoomState } from '../live.service.js';
import { RoundPart, type RoundView } from '../../networking/views/RoundPart.js';

/** How this person joins the meeting: set only for those who may join now. */
export interface VideoEntry {
  /** The plain link, or our join route; null while the organizers have not set the room up. */
  href: string | null;
  /** Set when the Jitsi room is embedded: this person's own token, never anyone else's. */
  embed: { domain: string; room: string; jwt: string | null; name: string } | null;
  moderator: boolean;
}

/** Why someone gets no room: the page says what happened and what to do. */
export type Refusal =
  | { kind: 'no-access'; registrationOpen: boolean }
  | { kind: 'revoked' } | { kind: 'expired' } | { kind: 'invalid' }
  | { kind: 'inactive'; status?: string | undefined; personalLink?: string | undefined };

export function LiveRefusalPage({ ctx, event, refusal }: { ctx: PageContext; event: LabEvent; refusal: Refusal }) {
  const l = ctx.t.live;
  const eventTitle = text(event, 'title', ctx.locale).text;
  const [title, line] = refusal.kind === 'no-access' ? [l.noAccessTitle, l.noAccess]
    : refusal.kind === 'revoked' ? [l.revokedTitle, l.revoked]
    : refusal.kind === 'expired' ? [l.expiredTitle, l.expired]
    : refusal.kind === 'invalid' ? [l.invalidTitle, l.invalid]
    : refusal.status ? [l.notAdmittedTitle, l.notAdmitted[refusal.status] ?? l.inactive] : [l.inactiveTitle, l.inactive];
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <p class="muted">{l.title(eventTitle)}</p>
        <h1>{title}</h1>
        <Notice kind="warning" role="status"><p>{line}</p></Notice>
        <ul>
          {refusal.kind === 'inactive' && refusal.personalLink ? <li><a href={refusal.personalLink}>{l.myRegistration}</a></li> : null}
          {refusal.kind !== 'inactive' ? <li>{l.lostLink} <a href={`/events/${event.slug}/link`}>{l.requestLink}</a></li> : null}
          {refusal.kind === 'no-access' && refusal.registrationOpen ? <li>{l.notRegistered} <a href={`/events/${event.slug}/register`}>{l.register}</a></li> : null}
          <li><a href={`/events/${event.slug}`}>{l.eventPage}</a></li>
        </ul>
      </div>
    </Layout>
  );
}

export function LivePage({ ctx, event, state, program, team, video, questions, nowItemId, rounds }: {
  ctx: PageContext; event: LabEvent; state: RoomState; program: Program;
  /** Set when a member of the event's team is looking: they always get in. */
  team: { canControl: boolean } | null;
  video: VideoEntry | null;
  /** For people inside the room: the question being discussed now (the Q&A is a page of its own) and the feed position of the page. */
  questions: { highlighted: Question | null; since: number } | null;
  nowItemId: number | null;
  /** For people inside the room: the networking round and their group. */
  rounds: RoundView | null;
}) {
  const l = ctx.t.live;
  const eventTitle = text(event, 'title', ctx.locale).text;
  const date = (d: Date) => formatLongDate(d, event.timeZone, ctx.locale);
  const time = (d: Date) => formatTime(d, event.timeZone, ctx.locale);
  const embed = video?.embed ?? null;
  return (
    <Layout ctx={ctx} title={l.title(eventTitle)} head={<>
      {embed ? <script src={assetUrl(ctx, 'live-jitsi.js')} defer /> : null}
      {questions ? <script src={assetUrl(ctx, 'live-updates.js')} defer /> : null}
      {rounds ? <script src={assetUrl(ctx, 'networking.js')} defer /> : null}
    </>}>
      <p class="muted">{l.title(when(event, ctx.t, ctx.locale).label)}</p>
      <h1>{eventTitle}</h1>
      {team ? (
        <Notice kind="info">
          <p>{l.teamView}</p>
          {state.state === 'not-yet-open' ? <p>{l.teamNotYetOpen(date(state.opensAt), time(state.opensAt))}</p> : null}
          {state.state === 'closed' ? <p>{l.teamClosed}</p> : null}
          {team.canControl ? <p><a href={`/admin/events/${event.slug}/live`}>{l.control}</a></p> : null}
        </Notice>
      ) : null}
      <section class="live-status" aria-labelledby="live-status">
        <h2 id="live-status">{statusTitle(ctx, state)}</h2>
        {state.state === 'not-yet-open' ? <p>{l.opensAt(date(state.opensAt), time(state.opensAt))} <a href={`/events/${event.slug}/live`}>{l.reload}</a></p> : null}
        {state.state === 'closed' ? <p>{l.closed}</p> : null}
        {state.state === 'over' ? <p>{l.over}</p> : null}
        {state.state === 'cancelled' ? <p>{ctx.t.event.cancelled}</p> : null}
        {video ? (
          video.href ? (
            <>
              <p><a class="button button--primary" href={video.href} target="_blank" rel="noopener noreferrer">{l.join}</a></p>
              <p class="muted">{l.joinHint}</p>
              {video.moderator ? <p>{l.joinAsModerator}</p> : null}
              {embed ? (
                // live-jitsi.js shows the button and, on click only, loads the Jitsi server's IFrame API:
                // nobody's browser talks to the video server before they choose to join.
                <div
                  class="live-embed" id="jitsi-embed" data-domain={embed.domain} data-room={embed.room} data-jwt={embed.jwt ?? ''}
                  data-name={embed.name} data-title={l.embedTitle} data-lang={ctx.locale}
                >
                  <p><button type="button" class="button button--secondary" id="jitsi-start" hidden>{l.joinHere}</button></p>
                  <p class="muted" id="jitsi-start-hint" hidden>{l.joinHereHint}</p>
                </div>
              ) : null}
            </>
          ) : <p>{l.noVideo}</p>
        ) : null}
      </section>
      {questions ? <div hidden data-stream={`/events/${event.slug}/live/stream`} data-since={String(questions.since)} /> : null}
      {rounds ? (
        <div id="live-round" data-fragment="round" data-on="round">
          <RoundPart ctx={ctx} event={event} view={rounds} />
        </div>
      ) : null}
      <div id="live-now" data-fragment="now" data-on="now question">
        <LiveNow ctx={ctx} event={event} program={program} nowItemId={nowItemId} questions={questions} />
      </div>
    </Layout>
  );
}

function statusTitle(ctx: PageContext, state: RoomState): string {
  const l = ctx.t.live;
  switch (state.state) {
    case 'open': return l.openTitle;
    case 'not-yet-open': return l.notYetOpenTitle;
    case 'closed': return l.closedTitle;
    case 'over': return l.overTitle;
    case 'cancelled': return l.cancelledTitle;
  }
}

/** BigBlueButton did not answer the join: try again, the room itself is fine. */
export function LiveUnavailablePage({ ctx, event }: { ctx: PageContext; event: LabEvent }) {
  const l = ctx.t.live;
  return (
    <Layout ctx={ctx} title={l.videoUnavailableTitle}>
      <div class="page-narrow">
        <p class="muted">{l.title(text(event, 'title', ctx.locale).text)}</p>
        <h1>{l.videoUnavailableTitle}</h1>
        <Notice kind="warning" role="status"><p>{l.videoUnavailable}</p></Notice>
        <p><a href={`/events/${event.slug}/live`}>{l.backToRoom}</a></p>
      </div>
    </Layout>
  );
}

/**
 * What is happening now: the programme item the moderators marked (with its speakers), the
 * question being discussed, the agenda. Live updates fetch this part again (`?fragment=now`).
 */
export function LiveNow({ ctx, event, program, nowItemId, questions }: {
  ctx: PageContext; event: LabEvent; program: Program; nowItemId: number | null; questions: { highlighted: Question | null } | null;
}) {
  const l = ctx.t.live;
  const now = program.agenda.find((i) => i.id === nowItemId);
  const people = new Map([...program.speakers, ...program.moderators].map((p) => [p.id, p]));
  const speakers = now ? now.personIds.map((id) => people.get(id)?.name).filter((n): n is string => Boolean(n)) : [];
  return (
    <>
      {now ? (
        <section class="live-now" aria-labelledby="live-now-heading">
          <h2 id="live-now-heading">{l.nowHeading}</h2>
          <p class="live-now__title">{pickLocalized(now.title, ctx.locale, eventLanguage(event)).text}</p>
          {speakers.length > 0 ? <p>{l.speaking(speakers.join(', '))}</p> : null}
        </section>
      ) : null}
      {questions ? (
        <section class="live-questions" aria-labelledby="live-questions">
          <h2 id="live-questions">{ctx.t.qa.heading}</h2>
          {questions.highlighted ? (
            <figure class="qa-question qa-question--highlighted">
              <figcaption class="qa-question__meta">{ctx.t.qa.badges.highlighted} · {questions.highlighted.authorName ?? ctx.t.qa.anonymousName}</figcaption>
              <p class="qa-question__text">{questions.highlighted.text}</p>
            </figure>
          ) : null}
          <p><a class="button button--secondary" href={`/events/${event.slug}/live/questions`}>{ctx.t.qa.toQuestions}</a></p>
        </section>
      ) : null}
      <Agenda program={program} locale={ctx.locale} fallback={eventLanguage(event)} t={ctx.t} timeZone={event.timeZone} nowItemId={nowItemId} />
    </>
  );
}
