import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, ErrorSummary, type FieldErrors, Notice, TextField } from '../../../platform/html/components.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import type { FormValues } from '../registration.form.js';
import type { Question } from '../registration.types.js';
import { ConsentFields, RegistrantFields, errorLabels } from './RegistrantFields.js';

export function RegistrationFormPage({ ctx, event, values, errors, questions, knownLabs }: {
  ctx: PageContext; event: LabEvent; values: FormValues; errors: FieldErrors; questions: Question[]; knownLabs: string[];
}) {
  const r = ctx.t.registration;
  const title = text(event, 'title', ctx.locale).text;
  return (
    <Layout ctx={ctx} title={r.title(title)}>
      <div class="page-narrow">
        <p><a href={`/events/${event.slug}`}>← {title}</a></p>
        <h1>{r.title(title)}</h1>
        <p>{r.intro}</p>
        <p class="muted">{r.requiredNote}</p>
        <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={errorLabels(ctx, questions)} />
        <form method="post" action={`/events/${event.slug}/register`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <h2>{r.aboutYou}</h2>
          <RegistrantFields ctx={ctx} values={values} errors={errors} questions={questions} knownLabs={knownLabs} withEmail />
          <ConsentFields ctx={ctx} values={values} errors={errors} />
          <div class="form-actions">
            <Button type="submit">{r.submit}</Button>
          </div>
        </form>
        <p class="muted"><a href={`/events/${event.slug}/link`}>{r.lostLink}</a></p>
      </div>
    </Layout>
  );
}

export function RegistrationMessagePage({ ctx, event, title, lines, kind = 'info' }: { ctx: PageContext; event: LabEvent; title: string; lines: string[]; kind?: 'info' | 'success' | 'warning' }) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <h1>{title}</h1>
        <Notice kind={kind} role="status">{lines.map((line) => <p>{line}</p>)}</Notice>
        <p><a href={`/events/${event.slug}`}>← {text(event, 'title', ctx.locale).text}</a></p>
      </div>
    </Layout>
  );
}

export function LinkRequestPage({ ctx, event, email, error, sent }: { ctx: PageContext; event: LabEvent; email: string; error?: string | undefined; sent: boolean }) {
  const r = ctx.t.registration;
  return (
    <Layout ctx={ctx} title={r.linkTitle}>
      <div class="page-narrow">
        <p><a href={`/events/${event.slug}`}>← {text(event, 'title', ctx.locale).text}</a></p>
        <h1>{r.linkTitle}</h1>
        {sent ? <Notice kind="success" role="status">{r.linkSent}</Notice> : null}
        <ErrorSummary errors={{ email: error }} title={ctx.t.errors.formSummary} labels={{ email: r.email }} />
        <p>{r.linkIntro}</p>
        <form method="post" action={`/events/${event.slug}/link`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="email" type="email" label={r.email} value={email} error={error} required autocomplete="email" spellcheck={false} />
          <Button type="submit">{r.linkSubmit}</Button>
        </form>
      </div>
    </Layout>
  );
}
