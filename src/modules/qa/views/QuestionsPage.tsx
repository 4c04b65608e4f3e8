// The Q&A of the live room: ask (to an agenda item or the whole meeting, named or anonymous),
// upvote, sort by popular or new, filter by item. Moderators see every question with their
// actions (approve, hide, answered, highlight, fix the text, reply). Works without JavaScript:
// every action is a form that reloads the page.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout, assetUrl } from '../../../platform/html/layout.js';
import { Badge, Button, CheckboxField, CsrfField, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea } from '../../../platform/html/components.js';
import { pickLocalized } from '../../../platform/i18n/locale.js';
import { formatTime } from '../../../platform/time.js';
import { eventLanguage, text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import type { AgendaItem } from '../../program/program.types.js';
import { type Question, type QuestionSort, QUESTION_MAX, REPLY_MAX } from '../qa.service.js';

export interface AskValues {
  text: string;
  /** The agenda item the question is about ('general' or an id); the list's filter is `item`. */
  about: string;
  anonymous: boolean;
}

/** A moderator's edit that was refused: shown open, with what they typed and the messages. */
export interface EditProblem {
  id: number;
  text: string;
  reply: string;
  errors: { text?: string | undefined; reply?: string | undefined };
}

export interface QuestionsPageProps {
  ctx: PageContext;
  event: LabEvent;
  /** Agenda items questions can go to (talks and Q&A slots), in programme order. */
  items: AgendaItem[];
  questions: Question[];
  sort: QuestionSort;
  /** The item the list is filtered to: 'all', 'general' or an item id. */
  filter: string;
  values: AskValues;
  errors: FieldErrors;
  allowAnonymous: boolean;
  /** Asking is closed (the room is closed or over); the list stays readable. */
  canAsk: boolean;
  moderator: boolean;
  notice?: string | undefined;
  editProblem?: EditProblem | undefined;
  /** The feed position this page shows: live updates continue from there. */
  since: number;
}

export function QuestionsPage(props: QuestionsPageProps) {
  const { ctx, event, items, questions, sort, filter, values, errors, moderator } = props;
  const q = ctx.t.qa;
  const eventTitle = text(event, 'title', ctx.locale).text;
  const self = `/events/${event.slug}/live/questions`;
  const itemTitle = itemTitleOf(ctx, event, items);
  const itemOptions = [{ value: 'general', label: q.general }, ...items.map((i) => ({ value: String(i.id), label: itemTitle(i.id) }))];
  const query = (next: { sort?: string; item?: string }) => `${self}?sort=${next.sort ?? sort}&item=${next.item ?? filter}`;
  const csrf = ctx.csrfToken ?? '';
  return (
    <Layout ctx={ctx} title={q.title(eventTitle)} head={<script src={assetUrl(ctx, 'live-updates.js')} defer />}>
      <div hidden data-stream={`/events/${event.slug}/live/stream`} data-since={String(props.since)} />
      <p class="muted"><a href={`/events/${event.slug}/live`}>{q.backToRoom}</a></p>
      <h1>{q.title(eventTitle)}</h1>
      {props.notice ? <Notice kind="success" role="status">{props.notice}</Notice> : null}
      {moderator ? <Notice kind="info"><p>{q.moderatorView}</p><p><a href={`/events/${event.slug}/live/presenter`} target="_blank" rel="noopener">{q.presenter}</a></p></Notice> : null}

      {props.canAsk ? (
        <section aria-labelledby="ask-heading" class="qa-ask">
          <h2 id="ask-heading">{q.ask}</h2>
          <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={{ about: q.item, text: q.question, anonymous: q.anonymous }} />
          <form method="post" action={self} novalidate>
            <CsrfField token={csrf} />
            <SelectField name="about" label={q.item} value={values.about} error={errors.about} options={itemOptions} />
            <TextArea name="text" label={q.question} hint={q.questionHint(QUESTION_MAX)} value={values.text} error={errors.text} rows={3} maxLength={QUESTION_MAX} required />
            {props.allowAnonymous ? <CheckboxField name="anonymous" label={q.anonymous} checked={values.anonymous} error={errors.anonymous} /> : (
              // No checkbox to offer: a request to stay anonymous (a stale page) is answered here.
              <div class={`field${errors.anonymous ? ' field--error' : ''}`} id="field-anonymous" tabIndex={-1}>
                {errors.anonymous ? <p class="field__error" id="error-anonymous">{errors.anonymous}</p> : null}
                <p class="muted">{q.namedOnly}</p>
              </div>
            )}
            <div class="form-actions"><Button>{q.send}</Button></div>
          </form>
        </section>
      ) : <p>{q.askingClosed}</p>}

      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">{q.listHeading}</h2>
        <nav aria-label={q.sortLabel} class="qa-tools">
          <span>{q.sortLabel}:</span>{' '}
          <a href={query({ sort: 'popular' })} aria-current={sort === 'popular' ? 'true' : undefined}>{q.sorts.popular}</a>{' · '}
          <a href={query({ sort: 'new' })} aria-current={sort === 'new' ? 'true' : undefined}>{q.sorts.new}</a>
        </nav>
        <form method="get" action={self} class="qa-tools">
          <input type="hidden" name="sort" value={sort} />
          <SelectField name="item" label={q.filter} value={filter} options={[{ value: 'all', label: q.allItems }, ...itemOptions]} />
          <Button kind="secondary">{q.applyFilter}</Button>
        </form>
        <div id="qa-questions" data-fragment="list" data-on="question">
          <QuestionList ctx={ctx} event={event} items={items} questions={questions} moderator={moderator} editProblem={props.editProblem} />
        </div>
      </section>
    </Layout>
  );
}

/** The title of the agenda item a question is about, in the reader's language. */
function itemTitleOf(ctx: PageContext, event: LabEvent, items: AgendaItem[]) {
  return (id: number | null) => {
    const item = id === null ? undefined : items.find((i) => i.id === id);
    return item ? pickLocalized(item.title, ctx.locale, eventLanguage(event)).text : ctx.t.qa.general;
  };
}

/**
 * The questions as this person sees them, with their count: the part of the page that live
 * updates fetch again (`?fragment=list`) when questions change.
 */
export function QuestionList({ ctx, event, items, questions, moderator, editProblem }: {
  ctx: PageContext; event: LabEvent; items: AgendaItem[]; questions: Question[]; moderator: boolean; editProblem?: EditProblem | undefined;
}) {
  const q = ctx.t.qa;
  const self = `/events/${event.slug}/live/questions`;
  const itemTitle = itemTitleOf(ctx, event, items);
  const csrf = ctx.csrfToken ?? '';
  return (
    <>
      <p>{q.questions(questions.length)}</p>
        {questions.length === 0 ? <p>{q.none}</p> : (
          <ol class="qa-list">
            {questions.map((question) => (
              <li class={`qa-question${question.highlighted ? ' qa-question--highlighted' : ''}${question.answered ? ' qa-question--answered' : ''}`} id={`q${question.id}`}>
                <p class="qa-question__meta">
                  <strong>{question.authorName ?? q.anonymousName}</strong>
                  {' · '}<time dateTime={question.createdAt.toISOString()}>{formatTime(question.createdAt, event.timeZone, ctx.locale)}</time>
                  {' · '}{itemTitle(question.agendaItemId)}
                  {question.highlighted ? <> <Badge kind="open">{q.badges.highlighted}</Badge></> : null}
                  {question.answered ? <> <Badge kind="closed">{q.badges.answered}</Badge></> : null}
                  {question.state === 'pending' ? <> <Badge kind="warning">{question.heldFor === 'word_filter' && moderator ? q.badges.filtered : q.badges.pending}</Badge></> : null}
                  {question.state === 'hidden' ? <> <Badge kind="neutral">{q.badges.hidden}</Badge></> : null}
                  {question.edited ? <> <span class="muted">{q.edited}</span></> : null}
                </p>
                <p class="qa-question__text">{question.text}</p>
                {question.reply ? <p class="qa-question__reply"><strong>{q.reply}:</strong> {question.reply}</p> : null}
                <div class="qa-question__actions">
                  {question.state === 'visible' ? (
                    <form method="post" action={`${self}/${question.id}/vote`} class="inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="up" value={question.voted ? '0' : '1'} />
                      <button type="submit" class={`button button--small ${question.voted ? 'button--primary' : 'button--secondary'}`} aria-pressed={question.voted ? 'true' : 'false'}>
                        {q.upvote} <span aria-hidden="true">▲</span> <span data-votes>{question.votes}</span><span class="visually-hidden" data-votes-unit data-one={q.voteUnit.one} data-many={q.voteUnit.many}> {question.votes === 1 ? q.voteUnit.one : q.voteUnit.many}</span>
                      </button>
                    </form>
                  ) : <span class="muted">{ctx.t.qaAdmin.votes(question.votes)}</span>}
                  {moderator ? <ModeratorActions ctx={ctx} self={self} question={question} problem={editProblem?.id === question.id ? editProblem : undefined} /> : null}
                </div>
              </li>
            ))}
          </ol>
        )}
    </>
  );
}

function ModeratorActions({ ctx, self, question, problem }: { ctx: PageContext; self: string; question: Question; problem?: EditProblem | undefined }) {
  const q = ctx.t.qa;
  const csrf = ctx.csrfToken ?? '';
  const actions = [
    ...(question.state === 'pending' ? ['approve'] : []),
    question.state === 'hidden' ? 'show' : 'hide',
    question.answered ? 'unanswer' : 'answer',
    ...(question.state !== 'hidden' ? [question.highlighted ? 'unhighlight' : 'highlight'] : []),
  ];
  const short = question.text.length > 40 ? `${question.text.slice(0, 40)}…` : question.text;
  return (
    <>
      {actions.map((action) => (
        <form method="post" action={`${self}/${question.id}/moderate`} class="inline-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="action" value={action} />
          <button type="submit" class="button button--secondary button--small">{q.actions[action]}<span class="visually-hidden"> ({short})</span></button>
        </form>
      ))}
      <details class="qa-edit" open={problem !== undefined}>
        <summary>{q.editSummary}<span class="visually-hidden"> ({short})</span></summary>
        <form method="post" action={`${self}/${question.id}/edit`}>
          <CsrfField token={csrf} />
          <TextArea name={`text-${question.id}`} label={q.question} value={problem?.text ?? question.text} error={problem?.errors.text} rows={3} maxLength={QUESTION_MAX} required />
          <TextArea name={`reply-${question.id}`} label={q.reply} hint={q.replyHint} value={problem?.reply ?? question.reply ?? ''} error={problem?.errors.reply} rows={3} maxLength={REPLY_MAX} />
          <div class="form-actions"><Button kind="secondary">{q.saveEdit}</Button></div>
        </form>
      </details>
    </>
  );
}
