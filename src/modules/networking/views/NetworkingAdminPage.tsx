// The back office's networking page: the rounds with their groups (refreshed live as boards fill
// and rounds change), the controls of the running round, the planning form with the plan's
// figures, moving people and marking who left, and the outcome report's settings.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout, assetUrl } from '../../../platform/html/layout.js';
import { Badge, Button, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import { formatTime } from '../../../platform/time.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { Figures } from '../scheduler/scheduler.types.js';
import {
  DURATION_MAX, DURATION_MIN, GROUP_SIZE_MAX, GROUP_SIZE_MIN, MESSAGE_MAX, PROMPT_MAX, ROUNDS_MAX, type Round,
} from '../rounds.service.js';
import { REPORT_VISIBILITIES, SUMMARY_MAX } from '../report.service.js';
import { Countdown } from './RoundPart.js';
import type { BoardEntry } from '../boards.service.js';
import { inLocale, type Theme, topicLabel } from '../themes.js';

export interface PlanValues {
  groupSize: string;
  rounds: string;
  durationMinutes: string;
  prompt: string;
  pool: string;
  /** '' (mixed rounds) or the id of the question whose options are the topics. */
  themeQuestion: string;
  /** Positions among the rounds to plan (0 = the first) that are thematic. */
  thematic: string[];
}

interface Props {
  ctx: PageContext;
  event: LabEvent;
  rounds: Round[];
  /** Entries on each group's board, by group id. */
  counts: Map<number, number>;
  pools: { present: number; admitted: number };
  absent: Set<number>;
  figures: Figures | null;
  since: number;
  plan: { values: PlanValues; errors: FieldErrors };
  message?: { value: string; error: string } | undefined;
  people: { registrationId: number; name: string; organisation: string; present: boolean }[];
  report: { visibility: string; summary: string; errors: FieldErrors };
  canSteer: boolean;
  canEdit: boolean;
  notice?: string | undefined;
  /** A start with a length that was no number: shown next to the field. */
  start?: { value: string; error: string } | undefined;
  /** Every group's board entries, for the organizers' view of the boards as they fill. */
  entries: BoardEntry[];
  /** The questions that can make rounds thematic. */
  themes: Theme[];
}

export function NetworkingAdminPage(props: Props) {
  const { ctx, event, rounds, canSteer, notice } = props;
  const a = ctx.t.networkingAdmin;
  const title = a.title(text(event, 'title', ctx.locale).text);
  const running = rounds.find((r) => r.state === 'running');
  return (
    <Layout ctx={ctx} title={title} area="admin" head={<>
      <script src={assetUrl(ctx, 'live-updates.js')} defer />
      <script src={assetUrl(ctx, 'networking.js')} defer />
    </>}>
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="networking" canEdit={props.canEdit} />
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      <p class="lead">{a.intro}</p>
      {canSteer ? null : <p class="muted">{a.readOnly}</p>}
      <div hidden data-stream={`/events/${event.slug}/live/stream`} data-since={String(props.since)} />
      {canSteer ? <RunningControls {...props} running={running} /> : null}
      <div data-fragment="rounds" data-on="round board">
        <RoundsOverview ctx={ctx} event={event} rounds={rounds} counts={props.counts} canSteer={canSteer} start={props.start} entries={props.entries} />
      </div>
      {canSteer ? <PlanForm {...props} /> : null}
      {canSteer && rounds.some((r) => r.state !== 'ended') ? <MoveForm {...props} /> : null}
      {canSteer ? <Absences {...props} /> : null}
      <ReportSettings {...props} />
    </Layout>
  );
}

function RunningControls({ ctx, event, running, message }: Props & { running: Round | undefined }) {
  const a = ctx.t.networkingAdmin;
  const base = `/admin/events/${event.slug}/networking`;
  const csrf = ctx.csrfToken ?? '';
  if (!running) return null;
  return (
    <section aria-labelledby="running-heading" class="round-controls">
      <h2 id="running-heading">{ctx.t.networking.roundRunningTeam(running.number, running.groups.length)}</h2>
      {running.endsAt ? <Countdown ctx={ctx} event={event} endsAt={running.endsAt} secondsLeft={running.secondsLeft} /> : null}
      <form method="post" action={`${base}/message`}>
        <CsrfField token={csrf} />
        <TextField name="message" label={a.message} hint={a.messageHint(MESSAGE_MAX)} value={message?.value ?? running.message ?? ''} error={message?.error} maxLength={MESSAGE_MAX} />
        <Button kind="secondary">{a.send}</Button>
      </form>
      <div class="button-row">
        <form method="post" action={`${base}/extend`}><CsrfField token={csrf} /><Button kind="secondary">{a.extend}</Button></form>
        <form method="post" action={`${base}/end`}><CsrfField token={csrf} /><p class="muted">{a.endHint}</p><Button>{a.end}</Button></form>
      </div>
    </section>
  );
}

/** Every round with its groups; the next planned one has its start button. Refreshed live (`?fragment=rounds`). */
export function RoundsOverview({ ctx, event, rounds, counts, canSteer, start, entries }: Pick<Props, 'ctx' | 'event' | 'rounds' | 'counts' | 'canSteer' | 'start' | 'entries'>) {
  const a = ctx.t.networkingAdmin;
  const next = rounds.find((r) => r.state === 'planned');
  return (
    <section aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{a.roundsHeading}</h2>
      {rounds.length === 0 ? <p>{a.none}</p> : null}
      {rounds.map((round) => (
        <section class="round-overview" aria-labelledby={`round-${round.number}`}>
          <h3 id={`round-${round.number}`}>
            {a.roundTitle(round.number)} <Badge kind={round.state === 'running' ? 'open' : round.state === 'ended' ? 'closed' : 'neutral'}>{a.states[round.state]}</Badge>
          </h3>
          <p class="muted">
            {a.minutes(round.durationMinutes)}
            {round.state === 'running' && round.endsAt ? ` · ${a.endsAt(formatTime(round.endsAt, event.timeZone, ctx.locale))}` : ''}
            {round.theme ? ` · ${a.thematicOn(inLocale(round.theme.label, ctx.locale))}` : ''}
          </p>
          {canSteer && next?.id === round.id ? (
            <form class="round-start" method="post" action={`/admin/events/${event.slug}/networking/rounds/${round.id}/start`}>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <p class="muted">{a.startHint}</p>
              <TextField name="minutes" label={`${a.duration} (${a.roundTitle(round.number)})`} hint={a.durationHint(DURATION_MIN, DURATION_MAX)} value={start?.value ?? String(round.durationMinutes)} error={start?.error} maxLength={3} />
              <Button>{a.start(round.number)}</Button>
            </form>
          ) : null}
          <div class="table-scroll" tabIndex={0} role="region" aria-label={a.groupsCaption(round.number)}>
            <table class="data-table">
              <caption>{a.groupsCaption(round.number)}</caption>
              <thead><tr><th scope="col">{a.columns.group}</th><th scope="col">{a.columns.members}</th><th scope="col">{a.columns.results}</th></tr></thead>
              <tbody>
                {round.groups.map((group) => (
                  <tr>
                    <th scope="row">
                      {a.groupName(group.number)}
                      {group.topic !== null ? <span class="group-topic">{a.topic(topicLabel(round.theme, group.topic, ctx.locale)!)}</span> : null}
                    </th>
                    <td>
                      <ul class="plain-list">
                        {group.members.map((m) => (
                          <li>
                            {ctx.t.networking.memberLine(m.name, m.organisation)}
                            {m.placedBy === 'late' ? <span class="muted"> – {a.late}</span> : m.placedBy === 'moved' ? <span class="muted"> – {a.moved}</span> : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {round.state === 'planned' ? '–' : <a href={`/events/${event.slug}/live/groups/${group.id}`}>{a.entries(counts.get(group.id) ?? 0)}<span class="visually-hidden"> – {a.groupName(group.number)}, {a.roundTitle(round.number)}</span></a>}
                      {round.state === 'running' ? <BoardGlance ctx={ctx} entries={entries.filter((e) => e.groupId === group.id)} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}

function PlanForm({ ctx, event, rounds, pools, figures, plan, themes }: Props) {
  const a = ctx.t.networkingAdmin;
  const { values, errors } = plan;
  const hasPlan = rounds.some((r) => r.state === 'planned');
  const base = `/admin/events/${event.slug}/networking`;
  const labels = { groupSize: a.groupSize, rounds: a.rounds, durationMinutes: a.duration, prompt: a.prompt, pool: a.poolLegend, themeQuestion: a.themeQuestion, thematic: a.thematicLegend };
  // Planned rounds are numbered after the ones that ran.
  const firstNumber = rounds.filter((r) => r.state !== 'planned').reduce((n, r) => Math.max(n, r.number), 0) + 1;
  const thematicRounds = rounds.some((r) => r.state === 'planned' && r.theme);
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{a.planHeading}</h2>
      {figures ? (
        <div class="plan-figures">
          <h3>{a.figuresHeading}</h3>
          <ul>
            <li>{a.figures.encounters(figures.newEncounters, figures.possibleEncounters)}</li>
            <li>{a.figures.repeats(figures.repeatedPairs)}</li>
            <li>{a.figures.colleagues(figures.sameLabPairs)}</li>
            <li>{a.figures.levels(Math.round(figures.levelMix * 100))}</li>
            {thematicRounds ? <li>{a.figures.topics(Math.round(figures.topicFit * 100))}</li> : null}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`${base}/plan`} novalidate>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <ErrorSummary errors={errors} title={a.invalid} labels={labels} />
        <ChoiceGroup
          name="pool" legend={a.poolLegend} hint={a.poolHint} type="radio" error={errors.pool} selected={[values.pool]}
          options={[{ value: 'present', label: a.pool.present(pools.present) }, { value: 'admitted', label: a.pool.admitted(pools.admitted) }]}
        />
        <TextField name="groupSize" label={a.groupSize} hint={a.groupSizeHint(GROUP_SIZE_MIN, GROUP_SIZE_MAX)} value={values.groupSize} error={errors.groupSize} maxLength={2} />
        <TextField name="rounds" label={a.rounds} hint={a.roundsHint(ROUNDS_MAX)} value={values.rounds} error={errors.rounds} maxLength={2} />
        <TextField name="durationMinutes" label={a.duration} hint={a.durationHint(DURATION_MIN, DURATION_MAX)} value={values.durationMinutes} error={errors.durationMinutes} maxLength={3} />
        <TextArea name="prompt" label={a.prompt} hint={a.promptHint} value={values.prompt} error={errors.prompt} rows={3} maxLength={PROMPT_MAX} />
        {themes.length > 0 ? (
          <>
            <SelectField
              name="themeQuestion" label={a.themeQuestion} hint={a.themeQuestionHint} value={values.themeQuestion} error={errors.themeQuestion}
              options={[{ value: '', label: a.themeNone }, ...themes.map((t) => ({ value: String(t.questionId), label: inLocale(t.label, ctx.locale) }))]}
            />
            <ChoiceGroup
              name="thematic" legend={a.thematicLegend} hint={a.thematicHint} type="checkbox" error={errors.thematic} selected={values.thematic}
              options={Array.from({ length: ROUNDS_MAX }, (_, i) => ({ value: String(i), label: a.roundTitle(firstNumber + i) }))}
            />
          </>
        ) : <p class="field__hint">{a.noThemes}</p>}
        <Button>{hasPlan ? a.replan : a.plan}</Button>
      </form>
      {hasPlan ? (
        <form method="post" action={`${base}/discard`}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <Button kind="secondary">{a.discard}</Button>
        </form>
      ) : null}
    </section>
  );
}

function MoveForm({ ctx, event, rounds, people }: Props) {
  const a = ctx.t.networkingAdmin;
  // The running round's groups, or else the next planned round's.
  const round = rounds.find((r) => r.state === 'running') ?? rounds.find((r) => r.state === 'planned');
  if (!round || people.length === 0) return null;
  return (
    <section aria-labelledby="move-heading">
      <h2 id="move-heading">{a.moveHeading}</h2>
      <form method="post" action={`/admin/events/${event.slug}/networking/move`}>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <SelectField name="person" label={a.movePerson} value="" options={people.map((p) => ({ value: String(p.registrationId), label: ctx.t.networking.memberLine(p.name, p.organisation) }))} />
        <SelectField name="group" label={`${a.moveTo} (${a.roundTitle(round.number)})`} value="" options={round.groups.map((g) => ({ value: String(g.id), label: g.topic !== null ? `${a.groupName(g.number)} – ${topicLabel(round.theme, g.topic, ctx.locale)}` : a.groupName(g.number) }))} />
        <Button kind="secondary">{a.move}</Button>
      </form>
    </section>
  );
}

function Absences({ ctx, event, people, absent }: Props) {
  const a = ctx.t.networkingAdmin;
  const action = `/admin/events/${event.slug}/networking/absent`;
  const gone = people.filter((p) => absent.has(p.registrationId));
  const here = people.filter((p) => !absent.has(p.registrationId));
  return (
    <section aria-labelledby="absent-heading">
      <h2 id="absent-heading">{a.absentHeading}</h2>
      <p class="muted">{a.absentHint}</p>
      {gone.length === 0 ? <p>{a.absentNone}</p> : (
        <ul class="plain-list">
          {gone.map((p) => (
            <li>
              <form method="post" action={action} class="inline-form">
                <CsrfField token={ctx.csrfToken ?? ''} />
                <input type="hidden" name="absentPerson" value={String(p.registrationId)} />
                <input type="hidden" name="absent" value="no" />
                {ctx.t.networking.memberLine(p.name, p.organisation)} <Button kind="secondary">{a.markBack}<span class="visually-hidden">: {p.name}</span></Button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {here.length > 0 ? (
        <form method="post" action={action}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <input type="hidden" name="absent" value="yes" />
          {/* Its own name: the move form above has a "person" field too, and ids must be unique on the page. */}
          <SelectField name="absentPerson" label={a.movePerson} value="" options={here.map((p) => ({ value: String(p.registrationId), label: ctx.t.networking.memberLine(p.name, p.organisation) }))} />
          <Button kind="secondary">{a.markAbsent}</Button>
        </form>
      ) : null}
    </section>
  );
}

function ReportSettings({ ctx, event, report, canEdit }: Props) {
  const a = ctx.t.networkingAdmin;
  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">{a.reportHeading}</h2>
      <p>{a.reportIntro}</p>
      <p><a href={`/events/${event.slug}/outcomes`}>{a.openReport}</a></p>
      {canEdit ? (
        <form method="post" action={`/admin/events/${event.slug}/networking/report`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <ErrorSummary errors={report.errors} title={a.invalid} labels={{ visibility: a.visibility, summary: a.summary }} />
          <ChoiceGroup
            name="visibility" legend={a.visibility} type="radio" error={report.errors.visibility} selected={[report.visibility]}
            options={REPORT_VISIBILITIES.map((v) => ({ value: v, label: a.visibilities[v]! }))}
          />
          <TextArea name="summary" label={a.summary} hint={a.summaryHint(SUMMARY_MAX)} value={report.summary} error={report.errors.summary} rows={5} maxLength={SUMMARY_MAX} />
          <Button>{a.saveReport}</Button>
        </form>
      ) : <p class="muted">{a.visibilities[report.visibility]}</p>}
    </section>
  );
}

/** The running round's boards as they fill: each group's entries by section, refreshed live. */
function BoardGlance({ ctx, entries }: { ctx: PageContext; entries: BoardEntry[] }) {
  if (entries.length === 0) return null;
  const sections = [...new Set(entries.map((e) => e.section))];
  return (
    <dl class="board-glance">
      {sections.map((section) => (
        <>
          <dt>{ctx.t.networking.sections[section]}</dt>
          {entries.filter((e) => e.section === section).map((e) => <dd>{e.text}</dd>)}
        </>
      ))}
    </dl>
  );
}
