// Creating, cloning and editing an event; publishing and cancelling it.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, ButtonLink, CheckboxField, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { LabEvent } from '../events.types.js';
import { text } from '../events.present.js';
import { type EventFormValues, TEXT_FIELDS, TEXT_FIELD_NAMES } from '../events.form.js';
import { EventAdminNav } from './EventAdminNav.js';

export type EditMode = { kind: 'new' } | { kind: 'clone'; source: LabEvent } | { kind: 'edit'; event: LabEvent; registered: number };

/** Field names in the order of the form, with their labels: the error summary follows it. */
function labels(ctx: PageContext): Record<string, string> {
  const t = ctx.t.eventForm;
  const entries: Array<[string, string]> = [['slug', t.slug]];
  for (const name of TEXT_FIELD_NAMES) {
    entries.push([`${name}_de`, `${t.fields[name]} (${t.de})`], [`${name}_en`, `${t.fields[name]} (${t.en})`]);
  }
  entries.push(
    ['date', t.date], ['start', t.start], ['end', t.end], ['time_zone', t.timeZone], ['language', t.language],
    ['attendance_mode', t.attendanceMode], ['venue_de', `${t.venue} (${t.de})`], ['venue_en', `${t.venue} (${t.en})`],
    ['registration_opens', t.opens], ['registration_closes', t.closes], ['capacity', t.capacity], ['admission_mode', t.admissionMode],
    ['contact_email', t.contactEmail], ['hosts', t.hosts], ['change_note', t.changeNote],
  );
  return Object.fromEntries(entries);
}

function LocalizedPair({ ctx, name, values, errors, rows }: { ctx: PageContext; name: string; values: { de: string; en: string }; errors: FieldErrors; rows?: number }) {
  const t = ctx.t.eventForm;
  const label = t.fields[name] ?? t.venue;
  const max = (TEXT_FIELDS as Record<string, number>)[name] ?? 300;
  const Field = rows ? TextArea : TextField;
  return (
    <div class="field-pair">
      <Field name={`${name}_de`} label={`${label} (${t.de})`} value={values.de} error={errors[`${name}_de`]} required={name === 'title'} maxLength={max} {...(rows ? { rows } : {})} />
      <div lang="en">
        <Field name={`${name}_en`} label={`${label} (${t.en})`} value={values.en} error={errors[`${name}_en`]} maxLength={max} {...(rows ? { rows } : {})} />
      </div>
    </div>
  );
}

export function EventEditPage({ ctx, mode, values, admissionMode, errors, notice, notify, changeNote }: {
  ctx: PageContext; mode: EditMode; values: EventFormValues; admissionMode: string; errors: FieldErrors;
  notice?: { kind: 'success' | 'error'; text: string } | undefined; notify?: boolean; changeNote?: string;
}) {
  const t = ctx.t.eventForm;
  const title = mode.kind === 'new' ? t.newTitle
    : mode.kind === 'clone' ? t.cloneTitle(text(mode.source, 'title', ctx.locale).text)
    : t.editTitle(text(mode.event, 'title', ctx.locale).text);
  const action = mode.kind === 'edit' ? `/admin/events/${mode.event.slug}/edit` : '/admin/events/new';
  const options = (map: Record<string, string>) => Object.entries(map).map(([value, label]) => ({ value, label }));
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      {mode.kind === 'edit' ? <EventAdminNav ctx={ctx} event={mode.event} current="edit" /> : null}
      {notice ? <Notice kind={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</Notice> : null}
      {mode.kind === 'edit' ? <StatusPanel ctx={ctx} event={mode.event} /> : null}
      {mode.kind === 'clone' ? <p>{t.cloneIntro}</p> : null}
      <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={labels(ctx)} />
      <form method="post" action={action} novalidate class="event-form">
        <CsrfField token={ctx.csrfToken ?? ''} />
        {mode.kind === 'clone' ? <input type="hidden" name="from" value={mode.source.slug} /> : null}

        <fieldset class="form-section">
          <legend>{t.basics}</legend>
          {mode.kind === 'edit' ? null : (
            <TextField name="slug" label={t.slug} hint={t.slugHint} value={values.slug} error={errors.slug} required maxLength={60} autocomplete="off" spellcheck={false} />
          )}
          <LocalizedPair ctx={ctx} name="title" values={values.texts.title} errors={errors} />
          <LocalizedPair ctx={ctx} name="summary" values={values.texts.summary} errors={errors} rows={3} />
          <LocalizedPair ctx={ctx} name="description" values={values.texts.description} errors={errors} rows={10} />
          <LocalizedPair ctx={ctx} name="discussion" values={values.texts.discussion} errors={errors} rows={6} />
          <LocalizedPair ctx={ctx} name="format" values={values.texts.format} errors={errors} rows={6} />
          <LocalizedPair ctx={ctx} name="audience" values={values.texts.audience} errors={errors} rows={3} />
          <LocalizedPair ctx={ctx} name="accessNote" values={values.texts.accessNote} errors={errors} rows={3} />
          <TextArea name="hosts" label={t.hosts} hint={t.hostsHint} value={values.hosts} error={errors.hosts} rows={3} maxLength={4000} />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t.when}</legend>
          <div class="field-row">
            <TextField name="date" type="date" label={t.date} value={values.date} error={errors.date} required />
            <TextField name="start" type="time" label={t.start} value={values.start} error={errors.start} required />
            <TextField name="end" type="time" label={t.end} value={values.end} error={errors.end} required />
          </div>
          <TextField name="time_zone" label={t.timeZone} hint={t.timeZoneHint} value={values.timeZone} error={errors.time_zone} maxLength={64} spellcheck={false} />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t.where}</legend>
          <SelectField name="language" label={t.language} value={values.language} error={errors.language} options={options(t.languages)} />
          <ChoiceGroup name="attendance_mode" legend={t.attendanceMode} type="radio" inline selected={[values.attendanceMode]} error={errors.attendance_mode} options={options(t.modes)} />
          <p class="field__hint">{t.venueHint}</p>
          <LocalizedPair ctx={ctx} name="venue" values={values.venue} errors={errors} />
          <CheckboxField name="confidential" label={t.confidential} checked={values.confidential} />
        </fieldset>

        <fieldset class="form-section">
          <legend>{t.registration}</legend>
          <div class="field-row">
            <TextField name="registration_opens" type="datetime-local" label={t.opens} hint={t.dateTimeHint} value={values.registrationOpens} error={errors.registration_opens} />
            <TextField name="registration_closes" type="datetime-local" label={t.closes} hint={t.dateTimeHint} value={values.registrationCloses} error={errors.registration_closes} />
          </div>
          <TextField name="capacity" label={t.capacity} value={values.capacity} error={errors.capacity} maxLength={6} />
          <ChoiceGroup name="admission_mode" legend={t.admissionMode} type="radio" selected={[admissionMode]} error={errors.admission_mode} options={options(t.admissionModes)} />
          <TextField name="contact_email" type="email" label={t.contactEmail} value={values.contactEmail} error={errors.contact_email} required maxLength={320} autocomplete="email" />
        </fieldset>

        {mode.kind === 'edit' && mode.event.status === 'published' && mode.registered > 0 ? (
          <fieldset class="form-section">
            <legend>{t.notify}</legend>
            <CheckboxField name="notify" label={t.notify} checked={notify ?? true} />
            <TextArea name="change_note" label={t.changeNote} value={changeNote ?? ''} error={errors.change_note} rows={3} maxLength={1000} />
          </fieldset>
        ) : null}

        <Button type="submit">{mode.kind === 'edit' ? t.save : t.create}</Button>
      </form>
    </Layout>
  );
}

function StatusPanel({ ctx, event }: { ctx: PageContext; event: LabEvent }) {
  const t = ctx.t.eventForm;
  const kind = event.status === 'published' ? 'open' : event.status === 'cancelled' ? 'closed' : 'neutral';
  return (
    <section class="status-panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t.status}: <Badge kind={kind}>{ctx.t.admin.status[event.status]}</Badge></h2>
      {event.status === 'draft' ? <p>{t.draftNotice}</p> : null}
      {event.status === 'cancelled' ? <p>{t.cancelledNotice}</p> : null}
      <div class="admin-actions">
        {event.status === 'draft' ? (
          <form method="post" action={`/admin/events/${event.slug}/publish`} class="inline-form">
            <CsrfField token={ctx.csrfToken ?? ''} />
            <Button type="submit">{t.publish}</Button>
          </form>
        ) : null}
        <ButtonLink href={`/events/${event.slug}`} kind="secondary">{t.preview}</ButtonLink>
        <ButtonLink href={`/admin/events/new?from=${encodeURIComponent(event.slug)}`} kind="secondary">{t.clone}</ButtonLink>
        {event.status !== 'cancelled' ? <ButtonLink href={`/admin/events/${event.slug}/cancel`} kind="secondary">{t.cancel}</ButtonLink> : null}
      </div>
    </section>
  );
}

export function CancelEventPage({ ctx, event, registered, note, error }: { ctx: PageContext; event: LabEvent; registered: number; note: string; error?: string | undefined }) {
  const t = ctx.t.eventForm;
  const title = t.cancelTitle(text(event, 'title', ctx.locale).text);
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <div class="page-narrow">
        <p><a href={`/admin/events/${event.slug}/edit`}>← {ctx.t.admin.tabs.edit}</a></p>
        <h1>{title}</h1>
        <Notice kind="warning">{t.cancelIntro(registered)}</Notice>
        <ErrorSummary errors={{ note: error }} title={ctx.t.errors.formSummary} labels={{ note: t.cancelNote }} />
        <form method="post" action={`/admin/events/${event.slug}/cancel`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextArea name="note" label={t.cancelNote} value={note} error={error} rows={4} maxLength={1000} />
          <Button type="submit">{t.cancelConfirm}</Button>
        </form>
      </div>
    </Layout>
  );
}
