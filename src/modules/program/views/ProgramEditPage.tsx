// The programme editor: people (speakers, moderation) and the agenda, one fieldset per row.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CheckboxField, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import { AGENDA_KINDS, type ProgramFormValues } from '../program.form.js';

/** Every field's label, in form order, for the error summary. */
function labels(ctx: PageContext, values: ProgramFormValues): Record<string, string> {
  const t = ctx.t.programForm;
  const entries: Array<[string, string]> = [];
  values.people.forEach((_, i) => {
    const who = t.person(i + 1);
    entries.push(
      [`person_${i}_position`, `${who} – ${t.position}`], [`person_${i}_role`, `${who} – ${t.role}`], [`person_${i}_name`, `${who} – ${t.name}`],
      [`person_${i}_organisation`, `${who} – ${t.organisation}`], [`person_${i}_bio_de`, `${who} – ${t.bioDe}`], [`person_${i}_bio_en`, `${who} – ${t.bioEn}`],
    );
  });
  values.agenda.forEach((_, i) => {
    const what = t.item(i + 1);
    entries.push(
      [`agenda_${i}_position`, `${what} – ${t.position}`], [`agenda_${i}_kind`, `${what} – ${t.kind}`], [`agenda_${i}_title_de`, `${what} – ${t.titleDe}`],
      [`agenda_${i}_title_en`, `${what} – ${t.titleEn}`], [`agenda_${i}_start`, `${what} – ${t.start}`], [`agenda_${i}_duration`, `${what} – ${t.duration}`],
      [`agenda_${i}_people`, `${what} – ${t.with}`],
    );
  });
  return Object.fromEntries(entries);
}

export function ProgramEditPage({ ctx, event, values, errors, notice }: { ctx: PageContext; event: LabEvent; values: ProgramFormValues; errors: FieldErrors; notice?: string | undefined }) {
  const t = ctx.t.programForm;
  const title = t.title(text(event, 'title', ctx.locale).text);
  // People that are stored can be named in the agenda; new rows only once saved.
  const stored = values.people.filter((p) => !p.key.startsWith('new-') && p.name);
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="program" />
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <p>{t.intro}</p>
      <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={labels(ctx, values)} />
      <form method="post" action={`/admin/events/${event.slug}/program`} novalidate>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <h2>{t.people}</h2>
        {values.people.map((p, i) => (
          <fieldset class="form-section">
            <legend>{t.person(i + 1)}{p.name ? `: ${p.name}` : ''}</legend>
            <input type="hidden" name={`person_${i}_key`} value={p.key} />
            <div class="field-row field-row--numbered">
              <TextField name={`person_${i}_position`} label={t.position} value={p.position} error={errors[`person_${i}_position`]} maxLength={3} />
              <SelectField name={`person_${i}_role`} label={t.role} value={p.role} error={errors[`person_${i}_role`]} options={Object.entries(t.roles).map(([value, label]) => ({ value, label }))} />
              <TextField name={`person_${i}_name`} label={t.name} value={p.name} error={errors[`person_${i}_name`]} maxLength={200} />
              <TextField name={`person_${i}_organisation`} label={t.organisation} value={p.organisation} error={errors[`person_${i}_organisation`]} maxLength={200} />
            </div>
            <div class="field-pair">
              <TextArea name={`person_${i}_bio_de`} label={t.bioDe} value={p.bioDe} error={errors[`person_${i}_bio_de`]} rows={3} maxLength={3000} />
              <div lang="en"><TextArea name={`person_${i}_bio_en`} label={t.bioEn} value={p.bioEn} error={errors[`person_${i}_bio_en`]} rows={3} maxLength={3000} /></div>
            </div>
            {p.name ? <CheckboxField name={`person_${i}_remove`} label={`${t.remove}: ${p.name}`} checked={p.remove} /> : null}
          </fieldset>
        ))}

        <h2>{t.agenda}</h2>
        {values.agenda.map((a, i) => (
          <fieldset class="form-section">
            <legend>{t.item(i + 1)}{a.titleDe ? `: ${a.titleDe}` : ''}</legend>
            <div class="field-row field-row--numbered">
              <TextField name={`agenda_${i}_position`} label={t.position} value={a.position} error={errors[`agenda_${i}_position`]} maxLength={3} />
              <SelectField name={`agenda_${i}_kind`} label={t.kind} value={a.kind} error={errors[`agenda_${i}_kind`]} options={AGENDA_KINDS.map((kind) => ({ value: kind, label: ctx.t.event.agendaKind[kind] ?? kind }))} />
              <TextField name={`agenda_${i}_start`} type="time" label={t.start} value={a.start} error={errors[`agenda_${i}_start`]} />
              <TextField name={`agenda_${i}_duration`} label={t.duration} value={a.duration} error={errors[`agenda_${i}_duration`]} maxLength={3} />
            </div>
            <div class="field-pair">
              <TextField name={`agenda_${i}_title_de`} label={t.titleDe} value={a.titleDe} error={errors[`agenda_${i}_title_de`]} maxLength={300} />
              <div lang="en"><TextField name={`agenda_${i}_title_en`} label={t.titleEn} value={a.titleEn} error={errors[`agenda_${i}_title_en`]} maxLength={300} /></div>
            </div>
            {stored.length > 0 ? (
              <ChoiceGroup name={`agenda_${i}_people`} legend={t.with} type="checkbox" inline selected={a.people} error={errors[`agenda_${i}_people`]} options={stored.map((p) => ({ value: p.key, label: p.name }))} />
            ) : null}
            {a.titleDe ? <CheckboxField name={`agenda_${i}_remove`} label={`${t.remove}: ${a.titleDe}`} checked={a.remove} /> : null}
          </fieldset>
        ))}
        <Button type="submit">{t.save}</Button>
      </form>
    </Layout>
  );
}
