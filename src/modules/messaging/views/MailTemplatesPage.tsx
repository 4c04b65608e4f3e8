// Mail templates of one event in the back office: the list of registrant mails (de/en, adapted or
// default) and the editor of one mail in one language, with its placeholders and a preview.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, CsrfField, DataTable, ErrorSummary, type FieldErrors, Notice, TextArea, TextField } from '../../../platform/html/components.js';
import { LOCALES, type Locale } from '../../../platform/i18n/index.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { Placeholder } from '../placeholders.js';
import { type RegistrantTemplate, type RenderedMail, type TemplateText } from '../templates.js';
import { BODY_MAX, SUBJECT_MAX } from '../templates.form.js';
import { PlaceholderList } from './PlaceholderList.js';

export interface TemplateRow {
  template: RegistrantTemplate;
  versions: Record<Locale, { subject: string; custom: boolean }>;
}

export function MailTemplatesPage({ ctx, event, rows, canEdit }: { ctx: PageContext; event: LabEvent; rows: TemplateRow[]; canEdit: boolean }) {
  const m = ctx.t.mailTemplates;
  const title = m.title(text(event, 'title', ctx.locale).text);
  const base = `/admin/events/${event.slug}/mail-templates`;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="mailTemplates" canEdit={canEdit} />
      <p>{m.intro}</p>
      {canEdit ? null : <p class="muted">{m.readOnly}</p>}
      <DataTable caption={m.caption} head={[m.columns.mail, ...LOCALES.map((l) => m.columns[l])]}>
        {rows.map((row) => (
          <tr>
            <td>
              <strong>{m.names[row.template]}</strong>
              <br /><span class="muted">{m.sentWhen[row.template]}</span>
            </td>
            {LOCALES.map((locale) => {
              const version = row.versions[locale];
              const label = (canEdit ? m.edit : m.show)(m.names[row.template]!, m.languages[locale]!);
              return (
                <td lang={locale}>
                  <span>{version.subject}</span>
                  <br />
                  <span lang={ctx.locale}>
                    <Badge kind={version.custom ? 'open' : 'neutral'}>{version.custom ? m.custom : m.standard}</Badge>
                    {' '}
                    <a href={`${base}/${row.template}/${locale}`}>{label} <span class="visually-hidden">{m.forMail(m.names[row.template]!)}</span></a>
                  </span>
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function MailTemplatePage({ ctx, event, template, locale, values, custom, placeholders, errors, preview, notice, canEdit }: {
  ctx: PageContext; event: LabEvent; template: RegistrantTemplate; locale: Locale; values: TemplateText; custom: boolean;
  placeholders: Placeholder[]; errors: FieldErrors; preview?: { mail: RenderedMail; saved: boolean } | undefined; notice?: string | undefined; canEdit: boolean;
}) {
  const m = ctx.t.mailTemplates;
  const name = m.names[template]!;
  const title = m.editTitle(name, m.languages[locale]!);
  const base = `/admin/events/${event.slug}/mail-templates`;
  const self = `${base}/${template}/${locale}`;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="mailTemplates" canEdit={canEdit} />
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <p><a href={base}>{m.back}</a></p>
      <p>{m.sentWhenLabel}: {m.sentWhen[template]}. {custom ? m.isCustom : m.isDefault}</p>
      <div class="template-editor">
        <div class="template-editor__main">
          {canEdit ? (
            <>
              <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={{ subject: m.subject, body: m.body }} />
              <form method="post" action={self} novalidate>
                <CsrfField token={ctx.csrfToken ?? ''} />
                <TextField name="subject" label={m.subject} hint={m.subjectHint} value={values.subject} error={errors.subject} maxLength={SUBJECT_MAX} required spellcheck />
                <TextArea name="body" label={m.body} hint={m.bodyHint} value={values.body} error={errors.body} rows={16} maxLength={BODY_MAX} required />
                <div class="form-actions">
                  <Button kind="secondary" name="intent" value="preview">{m.preview}</Button>
                  <Button name="intent" value="save">{m.save}</Button>
                  <button class="button button--secondary" type="submit" formAction={`${self}/html`} formTarget="_blank">{m.openHtml}</button>
                </div>
              </form>
              {custom ? (
                <form method="post" action={`${self}/reset`} class="form-actions">
                  <CsrfField token={ctx.csrfToken ?? ''} />
                  <Button kind="secondary">{m.reset}</Button>
                </form>
              ) : null}
            </>
          ) : (
            <>
              <p class="muted">{m.readOnly}</p>
              <h2>{m.subject}</h2>
              <p lang={locale}>{values.subject}</p>
              <h2>{m.body}</h2>
              <pre class="mail-text" lang={locale}>{values.body}</pre>
            </>
          )}
        </div>
        <PlaceholderList ctx={ctx} placeholders={placeholders} />
      </div>
      {preview ? (
        <section aria-labelledby="preview-heading" class="mail-preview">
          <h2 id="preview-heading">{m.previewHeading}</h2>
          <p class="muted">{preview.saved ? m.previewNoteSaved : m.previewNote}</p>
          <h3>{m.previewSubject}</h3>
          <p lang={locale} class="mail-preview__subject">{preview.mail.subject}</p>
          <h3>{m.previewText}</h3>
          <pre class="mail-text" lang={locale}>{preview.mail.text}</pre>
          <h3>{m.previewHtml}</h3>
          {preview.saved ? <p><a href={`${self}/html`} target="_blank" rel="noopener">{m.openHtml}</a></p> : null}
          <pre class="mail-text" lang={locale}>{preview.mail.html}</pre>
        </section>
      ) : null}
    </Layout>
  );
}

