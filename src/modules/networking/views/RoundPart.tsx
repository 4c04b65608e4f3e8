// The networking part of the live room's page: during a round, a participant's group (who is in
// it, what to talk about, the countdown, the join button, the results board); the team sees how
// many groups meet and where to steer them; after the round, "back in the plenary". Live updates
// fetch this part again (`?fragment=round`) when the organizers start, end or message a round.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Button, CsrfField, Notice } from '../../../platform/html/components.js';
import { formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import type { Group, Round } from '../rounds.service.js';

export interface RoundView {
  /** The running round, or else the last one that ended; null before the first. */
  round: Round | null;
  /** The viewer's group in that round (participants only). */
  group: Group | null;
  viewer: 'participant' | 'team';
  canSteer: boolean;
}

export function Countdown({ ctx, event, endsAt }: { ctx: PageContext; event: LabEvent; endsAt: Date }) {
  const n = ctx.t.networking;
  // networking.js turns the end time into a running "mm:ss" and says so once, a minute before the end.
  return (
    <p class="round-timer">
      {n.timeLeft}:{' '}
      <time datetime={endsAt.toISOString()} data-countdown data-time-up={n.timeUp} data-one-minute={n.oneMinute}>
        {n.until(formatTime(endsAt, event.timeZone, ctx.locale))}
      </time>
      <span class="visually-hidden" aria-live="polite" data-countdown-announce />
    </p>
  );
}

export function RoundPart({ ctx, event, view }: { ctx: PageContext; event: LabEvent; view: RoundView }) {
  const n = ctx.t.networking;
  const { round, group } = view;
  if (!round) return null;
  const base = `/events/${event.slug}/live`;
  if (round.state === 'running') {
    if (view.viewer === 'team') {
      return (
        <section class="round" aria-labelledby="round-heading">
          <h2 id="round-heading">{n.roundRunningTeam(round.number, round.groups.length)}</h2>
          {round.endsAt ? <Countdown ctx={ctx} event={event} endsAt={round.endsAt} /> : null}
          {view.canSteer ? <p><a href={`/admin/events/${event.slug}/networking`}>{n.steer}</a></p> : null}
        </section>
      );
    }
    if (!group) {
      return (
        <section class="round" aria-labelledby="round-heading">
          <h2 id="round-heading">{ctx.t.networkingAdmin.roundTitle(round.number)}</h2>
          <p>{n.notPlaced}</p>
          <form method="post" action={`${base}/round/place`}>
            <CsrfField token={ctx.csrfToken ?? ''} />
            <Button>{n.place}</Button>
          </form>
        </section>
      );
    }
    return (
      <section class="round" aria-labelledby="round-heading">
        <h2 id="round-heading">{n.roundRunning(round.number, group.number)}</h2>
        {round.message ? <Notice kind="info" role="status"><p><strong>{n.messageFromTeam}:</strong> {round.message}</p></Notice> : null}
        {round.endsAt ? <Countdown ctx={ctx} event={event} endsAt={round.endsAt} /> : null}
        <p><a class="button button--primary" href={`${base}/groups/${group.id}`}>{n.board}</a></p>
      </section>
    );
  }
  // The last round has ended: back in the plenary, the group's results one click away.
  return (
    <section class="round" aria-labelledby="round-heading">
      <h2 id="round-heading">{n.backInPlenary}</h2>
      <p>{n.backInPlenaryText(round.number)}</p>
      {group ? <p><a href={`${base}/groups/${group.id}`}>{n.yourResults(round.number, group.number)}</a></p> : null}
      {view.viewer === 'team' && view.canSteer ? <p><a href={`/admin/events/${event.slug}/networking`}>{n.steer}</a></p> : null}
    </section>
  );
}
