// The Q&A tab of an event in the back office: how many questions, the rules, the exports.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ButtonLink, CheckboxField, CsrfField, ErrorSummary, type FieldErrors, Notice, TextArea } from '../../../platform/html/components.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { Question } from '../qa.service.js';

export interface QaSettingsValues {
  allowAnonymous: boolean;
  premoderation: boolean;
  /** One word or phrase per line. */
  wordFilter: string;
}

export function QaAdminPage({ ctx, event, values, errors, counts, notice, canEdit, canModerate, answered }: {
  ctx: PageContext; event: LabEvent; values: QaSettingsValues; errors: FieldErrors; counts: Record<'pending' | 'visible' | 'hidden', number>;
  notice?: string | undefined; canEdit: boolean; canModerate: boolean;
  /** Answered questions, which can become challenge drafts in the community (#7). */
  answered: Question[];
}) {
  const a = ctx.t.qaAdmin;
  const title = a.title(text(event, 'title', ctx.locale).text);
  const base = `/admin/events/${event.slug}/questions`;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="questions" canEdit={canEdit} />
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <p>{a.intro}</p>
      <p>{a.counts(counts.visible, counts.pending, counts.hidden)}</p>
      <p class="form-actions">
        {canModerate ? <ButtonLink href={`/events/${event.slug}/live/questions`}>{a.moderate}</ButtonLink> : null}
        <ButtonLink kind="secondary" href={`${base}.csv`} download>{a.exportCsv}</ButtonLink>
        <ButtonLink kind="secondary" href={`${base}.md`} download>{a.exportMarkdown}</ButtonLink>
      </p>
      <section aria-labelledby="qa-rules">
        <h2 id="qa-rules">{a.rules}</h2>
        {canEdit ? (
          <>
            <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={{ word_filter: a.wordFilter }} />
            <form method="post" action={base} novalidate>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <CheckboxField name="allow_anonymous" label={a.allowAnonymous} checked={values.allowAnonymous} />
              <CheckboxField name="premoderation" label={a.premoderation} checked={values.premoderation} />
              <TextArea name="word_filter" label={a.wordFilter} hint={a.wordFilterHint} value={values.wordFilter} error={errors.word_filter} rows={6} />
              <div class="form-actions"><Button>{a.save}</Button></div>
            </form>
          </>
        ) : (
          <ul>
            <li>{values.allowAnonymous ? a.anonymousOn : a.anonymousOff}</li>
            <li>{values.premoderation ? a.premoderationOn : a.premoderationOff}</li>
            <li>{a.filterCount(values.wordFilter.split('\n').filter(Boolean).length)}</li>
          </ul>
        )}
      </section>
      <AnsweredQuestions ctx={ctx} event={event} answered={answered} canEdit={canEdit} />
    </Layout>
  );
}

function AnsweredQuestions({ ctx, event, answered, canEdit }: { ctx: PageContext; event: LabEvent; answered: Question[]; canEdit: boolean }) {
  const d = ctx.t.community.drafts;
  return (
    <section aria-labelledby="qa-answered">
      <h2 id="qa-answered">{d.answered}</h2>
      {answered.length === 0 ? <p>{d.noAnswered}</p> : (
        <>
          {canEdit ? <p>{d.answeredIntro}</p> : null}
          <ul class="question-archive">
            {answered.map((q) => (
              <li>
                <p>{q.text}</p>
                {q.reply ? <p class="muted">{q.reply}</p> : null}
                {canEdit ? (
                  <form method="post" action="/admin/community/drafts" class="inline-form">
                    <CsrfField token={ctx.csrfToken ?? ''} />
                    <input type="hidden" name="from" value="question" />
                    <input type="hidden" name="event" value={event.slug} />
                    <input type="hidden" name="id" value={String(q.id)} />
                    <input type="hidden" name="kind" value="challenge" />
                    <Button kind="secondary">{d.toChallenge}<span class="visually-hidden">: {q.text.slice(0, 60)}</span></Button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
