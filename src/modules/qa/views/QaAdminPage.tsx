// The Q&A tab of an event in the back office: how many questions, the rules, the exports.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ButtonLink, CheckboxField, CsrfField, ErrorSummary, type FieldErrors, Notice, TextArea } from '../../../platform/html/components.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';

export interface QaSettingsValues {
  allowAnonymous: boolean;
  premoderation: boolean;
  /** One word or phrase per line. */
  wordFilter: string;
}

export function QaAdminPage({ ctx, event, values, errors, counts, notice, canEdit, canModerate }: {
  ctx: PageContext; event: LabEvent; values: QaSettingsValues; errors: FieldErrors; counts: Record<'pending' | 'visible' | 'hidden', number>;
  notice?: string | undefined; canEdit: boolean; canModerate: boolean;
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
    </Layout>
  );
}
