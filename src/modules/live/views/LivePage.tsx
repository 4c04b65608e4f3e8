// The live room as participants and the team see it, and the page everyone else gets instead.
// Only the first shows the video link; the refusals explain how to get access and nothing more.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Notice } from '../../../platform/html/components.js';
import { formatLongDate, formatTime } from '../../../platform/time.js';
import { eventLanguage, text, when } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import type { Program } from '../../program/program.types.js';
import { Agenda } from '../../program/views/program-views.js';
import type { LiveRoom, RoomState } from '../live.service.js';

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

export function LivePage({ ctx, event, room, state, program, team }: {
  ctx: PageContext; event: LabEvent; room: LiveRoom; state: RoomState; program: Program;
  /** Set when a member of the event's team is looking: they always get in. */
  team: { canControl: boolean } | null;
}) {
  const l = ctx.t.live;
  const eventTitle = text(event, 'title', ctx.locale).text;
  const date = (d: Date) => formatLongDate(d, event.timeZone, ctx.locale);
  const time = (d: Date) => formatTime(d, event.timeZone, ctx.locale);
  const inside = state.state === 'open' || team !== null;
  return (
    <Layout ctx={ctx} title={l.title(eventTitle)}>
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
        {inside && state.state !== 'cancelled' ? (
          room.videoUrl ? (
            <>
              <p><a class="button button--primary" href={room.videoUrl} target="_blank" rel="noopener noreferrer">{l.join}</a></p>
              <p class="muted">{l.joinHint}</p>
            </>
          ) : <p>{l.noVideo}</p>
        ) : null}
      </section>
      <Agenda program={program} locale={ctx.locale} fallback={eventLanguage(event)} t={ctx.t} timeZone={event.timeZone} />
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
