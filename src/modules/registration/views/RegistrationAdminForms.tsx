import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, Notice, TextArea } from '../../../platform/html/components.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import type { FormValues } from '../registration.form.js';
import type { Question } from '../registration.types.js';
import { RegistrantFields, errorLabels } from './RegistrantFields.js';

export function ManualRegistrationPage({ ctx, event, values, errors, questions, knownLabs, language, problem }: {
  ctx: PageContext; event: LabEvent; values: FormValues; errors: FieldErrors; questions: Question[]; knownLabs: string[]; language: string; problem?: string | undefined;
}) {
  const t = ctx.t.registrationsAdmin;
  const base = `/admin/events/${event.slug}/registrations`;
  return (
    <Layout ctx={ctx} title={t.manual} area="admin">
      <div class="page-narrow">
        <p><a href={base}>← {t.back}</a></p>
        <h1>{t.manual}</h1>
        <p class="lead">{text(event, 'title', ctx.locale).text}</p>
        <p>{t.manualIntro}</p>
        {problem ? <Notice kind="error" role="alert">{problem}</Notice> : null}
        <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={errorLabels(ctx, questions)} />
        <form method="post" action={`${base}/new`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <RegistrantFields ctx={ctx} values={values} errors={errors} questions={questions} knownLabs={knownLabs} withEmail />
          <ChoiceGroup name="language" legend={t.manualLanguage} type="radio" inline selected={[language]} options={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} />
          <Button type="submit">{t.manualSubmit}</Button>
        </form>
      </div>
    </Layout>
  );
}

export function RejectPage({ ctx, event, registration, reason, error, query }: {
  ctx: PageContext; event: LabEvent; registration: { id: number; name: string; organisation: string; email: string }; reason: string; error?: string | undefined; query: string;
}) {
  const t = ctx.t.registrationsAdmin;
  const base = `/admin/events/${event.slug}/registrations`;
  return (
    <Layout ctx={ctx} title={t.rejectTitle(registration.name)} area="admin">
      <div class="page-narrow">
        <p><a href={base}>← {t.back}</a></p>
        <h1>{t.rejectTitle(registration.name)}</h1>
        <p>{registration.organisation} · {registration.email}</p>
        <ErrorSummary errors={{ reason: error }} title={ctx.t.errors.formSummary} labels={{ reason: t.rejectReason }} />
        <form method="post" action={`${base}/${registration.id}/reject${query}`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextArea name="reason" label={t.rejectReason} value={reason} error={error} rows={4} maxLength={1000} />
          <Button type="submit">{t.rejectSubmit}</Button>
        </form>
      </div>
    </Layout>
  );
}
