// A breakout group's page: who is in it, what to talk about, the countdown, the group's own video
// room, and its results board. The board works as plain forms (one per entry) and, with
// JavaScript, saves while people type and shows the others' entries as they arrive.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout, assetUrl } from '../../../platform/html/layout.js';
import { Button, CsrfField, Notice } from '../../../platform/html/components.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { BOARD_SECTIONS, type BoardEntry, ENTRY_MAX } from '../boards.service.js';
import type { Group, Round } from '../rounds.service.js';
import { Countdown } from './RoundPart.js';
import { topicLabel } from '../themes.js';

/** A form answer that could not be saved: shown again next to its entry (or the "new" field), text kept. */
export interface EntryProblem {
  /** The entry's id, or 'new-<section>'. */
  key: string;
  text: string;
  message: string;
}

export interface GroupPageProps {
  ctx: PageContext;
  event: LabEvent;
  round: Round;
  group: Group;
  entries: BoardEntry[];
  /** May write on the board now (a member, or the team's moderators, while the room is open). */
  canWrite: boolean;
  /** Why not, when the room is closed. */
  closed: boolean;
  /** null: the room's video system has no rooms per group. */
  videoHref: string | null;
  since: number;
  notice?: string | undefined;
  problem?: EntryProblem | undefined;
  team: boolean;
}

export function GroupPage(props: GroupPageProps) {
  const { ctx, event, round, group, videoHref, since, notice, team } = props;
  const n = ctx.t.networking;
  const title = n.groupTitle(round.number, group.number);
  const base = `/events/${event.slug}/live`;
  return (
    <Layout ctx={ctx} title={`${title} – ${text(event, 'title', ctx.locale).text}`} head={<>
      <script src={assetUrl(ctx, 'live-updates.js')} defer />
      <script src={assetUrl(ctx, 'networking.js')} defer />
    </>}>
      <p class="muted">{ctx.t.live.title(text(event, 'title', ctx.locale).text)}</p>
      <h1>{title}</h1>
      <div hidden data-stream={`${base}/stream`} data-since={String(since)} data-kinds="board" />
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      <div data-fragment="group" data-on="round">
        <GroupHeader ctx={ctx} event={event} round={round} group={group} videoHref={videoHref} />
      </div>
      <section
        aria-labelledby="board-heading" class="board" data-board={`${base}/groups/${group.id}`}
        data-your-version={n.yourVersion} data-unsaved={n.unsaved} data-added={n.added} data-removed={n.removed}
      >
        <h2 id="board-heading">{n.board}</h2>
        <p>{n.groupPageIntro}</p>
        {props.closed ? <Notice kind="warning"><p>{n.boardClosed}</p></Notice> : !props.canWrite ? <p class="muted">{n.readOnlyBoard}</p> : null}
        <p class="visually-hidden" aria-live="polite" data-board-status />
        <div data-board-list>
          <Board {...props} />
        </div>
      </section>
      <p><a href={base}>{n.back}</a>{team ? <> · <a href={`/admin/events/${event.slug}/networking`}>{n.backToRounds}</a></> : null}</p>
    </Layout>
  );
}

/** Round state, message, countdown, prompt, members and the video room: refreshed when the organizers change the round. */
export function GroupHeader({ ctx, event, round, group, videoHref }: Pick<GroupPageProps, 'ctx' | 'event' | 'round' | 'group' | 'videoHref'>) {
  const n = ctx.t.networking;
  const running = round.state === 'running';
  return (
    <>
      {running && round.message ? <Notice kind="info" role="status"><p><strong>{n.messageFromTeam}:</strong> {round.message}</p></Notice> : null}
      {running && round.endsAt ? <Countdown ctx={ctx} event={event} endsAt={round.endsAt} secondsLeft={round.secondsLeft} /> : null}
      {!running ? <Notice kind="info"><p>{n.backInPlenaryText(round.number)}</p></Notice> : null}
      {group.topic !== null ? <p class="round-prompt"><strong>{n.groupTopic(topicLabel(round.theme, group.topic, ctx.locale)!)}</strong></p> : null}
      <h2>{n.prompt}</h2>
      <p class="round-prompt">{round.prompt}</p>
      <h2>{n.members}</h2>
      <ul class="round-members">
        {group.members.map((m) => <li>{n.memberLine(m.name, m.organisation)}</li>)}
      </ul>
      {running ? (
        videoHref
          ? <p><a class="button button--primary" href={videoHref} target="_blank" rel="noopener noreferrer">{n.joinGroup}</a><br /><span class="muted">{n.joinGroupHint}</span></p>
          : <p class="muted">{n.noGroupVideo}</p>
      ) : null}
    </>
  );
}

/** The four sections with their entries; one form per entry, so it works without JavaScript. */
export function Board({ ctx, event, group, entries, canWrite, problem }: GroupPageProps) {
  const n = ctx.t.networking;
  const action = `/events/${event.slug}/live/groups/${group.id}/entries`;
  const csrf = ctx.csrfToken ?? '';
  return (
    <>
      {BOARD_SECTIONS.map((section) => {
        const name = n.sections[section]!;
        const mine = entries.filter((e) => e.section === section);
        const newKey = `new-${section}`;
        return (
          <section class="board-section" aria-labelledby={`board-${section}`}>
            <h3 id={`board-${section}`}>{name}</h3>
            <p class="muted" id={`hint-${section}`}>{n.sectionHints[section]}</p>
            {mine.length === 0 && !canWrite ? <p>{n.noEntries}</p> : null}
            <ol class="board-entries">
              {mine.map((entry, index) => {
                const label = n.entryLabel(name, index + 1);
                const failed = problem?.key === String(entry.id) ? problem : undefined;
                return (
                  <li id={`entry-${entry.id}`}>
                    {canWrite ? (
                      <form method="post" action={`${action}/${entry.id}`} class="board-entry" data-entry={String(entry.id)}>
                        <CsrfField token={csrf} />
                        <input type="hidden" name="version" value={String(entry.version)} />
                        <label class="visually-hidden" for={`entry-text-${entry.id}`}>{label}</label>
                        {failed ? <p class="field__error" id={`entry-error-${entry.id}`}>{failed.message}</p> : null}
                        <textarea
                          class="field__input field__input--textarea" id={`entry-text-${entry.id}`} name="text" rows={2} maxLength={ENTRY_MAX}
                          aria-invalid={failed ? 'true' : undefined} aria-describedby={failed ? `entry-error-${entry.id}` : undefined}
                          value={failed ? failed.text : entry.text}
                        />
                        <div class="board-entry__actions">
                          <Button kind="secondary" name="action" value="save">{n.save}</Button>
                          <Button kind="secondary" name="action" value="delete">{n.remove}</Button>
                        </div>
                      </form>
                    ) : <p class="board-entry__text">{entry.text}</p>}
                  </li>
                );
              })}
            </ol>
            {canWrite ? (
              <form method="post" action={action} class="board-add" data-add={section}>
                <CsrfField token={csrf} />
                <input type="hidden" name="section" value={section} />
                <label class="field__label" for={`new-${section}`}>{n.newEntry(name)}</label>
                {problem?.key === newKey ? <p class="field__error" id={`new-error-${section}`}>{problem.message}</p> : null}
                <textarea
                  class="field__input field__input--textarea" id={`new-${section}`} name="text" rows={2} maxLength={ENTRY_MAX}
                  aria-describedby={problem?.key === newKey ? `new-error-${section} hint-${section}` : `hint-${section}`}
                  aria-invalid={problem?.key === newKey ? 'true' : undefined}
                  value={problem?.key === newKey ? problem.text : ''}
                />
                <Button kind="secondary">{n.add}</Button>
              </form>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
