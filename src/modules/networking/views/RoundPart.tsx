// The networking part of the live room's page: during a round, a participant's group (who is in
// it, what to talk about, the countdown, the join button, the results board); the team sees how
// many groups meet and where to steer them; after the round, "back in the plenary". Live updates
// fetch this part again (`?fragment=round`) when the organizers start, end or message a round.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Button, ChoiceGroup, CsrfField, Notice } from '../../../platform/html/components.js';
import { formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import type { Group, Round } from '../rounds.service.js';
import { inLocale, type Theme, topicLabel } from '../themes.js';

export interface RoundView {
  /** The running round, or else the last one that ended; null before the first. */
  round: Round | null;
  /** The viewer's group in that round (participants only). */
  group: Group | null;
  viewer: 'participant' | 'team';
  canSteer: boolean;
  /** A thematic round still to come, with the participant's topics (participants only). */
  choice: TopicChoiceView | null;
}

export interface TopicChoiceView {
  round: number;
  theme: Theme;
  chosen: string[];
  /** After saving: 'saved', or 'invalid' for a choice that is not one of the theme's. */
  notice: 'saved' | 'invalid' | null;
}

export function Countdown({ ctx, event, endsAt, secondsLeft }: { ctx: PageContext; event: LabEvent; endsAt: Date; secondsLeft: number | null }) {
  const n = ctx.t.networking;
  // networking.js turns the end time into a running "mm:ss" and says so once, a minute before the
  // end. It counts down from the seconds left by the server's clock (data-left), so a participant
  // whose computer's clock is off still sees the right time.
  return (
    <p class="round-timer">
      {n.timeLeft}:{' '}
      <time datetime={endsAt.toISOString()} data-countdown data-left={secondsLeft ?? undefined} data-time-up={n.timeUp} data-one-minute={n.oneMinute}>
        {n.until(formatTime(endsAt, event.timeZone, ctx.locale))}
      </time>
      <span class="visually-hidden" aria-live="polite" data-countdown-announce />
    </p>
  );
}

/** The topics a participant chooses for the next thematic round, until it starts. */
function TopicChoice({ ctx, event, choice }: { ctx: PageContext; event: LabEvent; choice: TopicChoiceView }) {
  const n = ctx.t.networking;
  return (
    <section class="round" id="topics" aria-labelledby="topics-heading">
      <h2 id="topics-heading">{n.chooseHeading(choice.round)}</h2>
      {choice.notice === 'saved' ? <Notice kind="success" role="status"><p>{n.chooseSaved}</p></Notice> : null}
      <p>{n.chooseIntro}</p>
      <form method="post" action={`/events/${event.slug}/live/topics`}>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <ChoiceGroup
          name="topic" legend={inLocale(choice.theme.label, ctx.locale)} type={choice.theme.multiple ? 'checkbox' : 'radio'} selected={choice.chosen}
          error={choice.notice === 'invalid' ? n.chooseInvalid : undefined}
          options={choice.theme.topics.map((t) => ({ value: t.value, label: inLocale(t.label, ctx.locale) }))}
        />
        <Button kind="secondary">{n.chooseSave}</Button>
      </form>
    </section>
  );
}

export function RoundPart({ ctx, event, view }: { ctx: PageContext; event: LabEvent; view: RoundView }) {
  const choice = view.choice ? <TopicChoice ctx={ctx} event={event} choice={view.choice} /> : null;
  return <>{choice}<RoundNow ctx={ctx} event={event} view={view} /></>;
}

function RoundNow({ ctx, event, view }: { ctx: PageContext; event: LabEvent; view: RoundView }) {
  const n = ctx.t.networking;
  const { round, group } = view;
  if (!round) return null;
  const base = `/events/${event.slug}/live`;
  if (round.state === 'running') {
    if (view.viewer === 'team') {
      return (
        <section class="round" aria-labelledby="round-heading">
          <h2 id="round-heading">{n.roundRunningTeam(round.number, round.groups.length)}</h2>
          {round.endsAt ? <Countdown ctx={ctx} event={event} endsAt={round.endsAt} secondsLeft={round.secondsLeft} /> : null}
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
        {group.topic !== null ? <p class="round-prompt">{n.groupTopic(topicLabel(round.theme, group.topic, ctx.locale)!)}</p> : null}
        {round.message ? <Notice kind="info" role="status"><p><strong>{n.messageFromTeam}:</strong> {round.message}</p></Notice> : null}
        {round.endsAt ? <Countdown ctx={ctx} event={event} endsAt={round.endsAt} secondsLeft={round.secondsLeft} /> : null}
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
