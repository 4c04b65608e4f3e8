// Scheduled mails of one event in the back office: what goes out when, to whom, and what went out.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ChoiceGroup, CsrfField, DataTable, ErrorSummary, type FieldErrors, Notice, SelectField, TextField } from '../../../platform/html/components.js';
import { LEVELS } from '../../../platform/germany.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import { type MailSchedule, SCHEDULED_TEMPLATES, SCHEDULE_STATUSES, dueAt } from '../schedules.service.js';
import { RELATIONS, type ScheduleFormValues, UNITS, describeOffset } from '../schedules.form.js';

export function SchedulesPage({ ctx, event, schedules, values, errors, notice, canEdit }: {
  ctx: PageContext; event: LabEvent; schedules: MailSchedule[]; values: ScheduleFormValues; errors: FieldErrors; notice?: string | undefined; canEdit: boolean;
}) {
  const s = ctx.t.schedules;
  const statusNames = ctx.t.registrationsAdmin.statuses;
  const levelNames = ctx.t.registration.levels;
  const title = s.title(text(event, 'title', ctx.locale).text);
  const at = (d: Date) => `${formatShortDate(d, event.timeZone, ctx.locale)}, ${formatTime(d, event.timeZone, ctx.locale)}`;
  const state = (sc: MailSchedule) => sc.skipped ? s.skipped : sc.sentAt ? s.sent(at(sc.sentAt), sc.recipients ?? 0) : event.status === 'draft' ? `${s.planned(at(dueAt(event, sc)))} – ${s.draftWaits}` : s.planned(at(dueAt(event, sc)));
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="schedules" canEdit={canEdit} />
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <p>{s.intro}</p>
      {schedules.length === 0 ? <p>{s.none}</p> : (
        <DataTable caption={s.caption} head={[s.columns.mail, s.columns.when, s.columns.recipients, s.columns.state, ...(canEdit ? [s.columns.action] : [])]}>
          {schedules.map((sc) => (
            <tr>
              <td>{s.templates[sc.template]}</td>
              <td>{describeOffset(ctx.t, sc.anchor, sc.offsetMinutes)}</td>
              <td>{sc.statuses.map((st) => statusNames[st]).join(', ')} · {sc.levels.length ? sc.levels.map((l) => levelNames[l]).join(', ') : s.allLevels}</td>
              <td>{state(sc)}</td>
              {canEdit ? (
                <td>
                  {sc.sentAt ? null : (
                    <form method="post" action={`/admin/events/${event.slug}/schedules/${sc.id}/remove`} class="inline-form">
                      <CsrfField token={ctx.csrfToken ?? ''} />
                      <button type="submit" class="button button--secondary">{s.remove} <span class="visually-hidden">({s.templates[sc.template]}, {describeOffset(ctx.t, sc.anchor, sc.offsetMinutes)})</span></button>
                    </form>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {canEdit ? (
        <section aria-labelledby="add-schedule">
          <h2 id="add-schedule">{s.addHeading}</h2>
          <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={{ template: s.template, amount: s.amount, unit: s.unit, relation: s.relation, statuses: s.statuses, levels: s.levels }} />
          <form method="post" action={`/admin/events/${event.slug}/schedules`} novalidate>
            <CsrfField token={ctx.csrfToken ?? ''} />
            <ChoiceGroup name="template" legend={s.template} type="radio" options={SCHEDULED_TEMPLATES.map((v) => ({ value: v, label: s.templates[v]! }))} selected={[values.template]} error={errors.template} required />
            <TextField name="amount" label={s.amount} hint={s.amountHint} value={values.amount} error={errors.amount} maxLength={3} required />
            <SelectField name="unit" label={s.unit} value={values.unit} error={errors.unit} options={Object.keys(UNITS).map((u) => ({ value: u, label: s.unitNames[u]! }))} />
            <SelectField name="relation" label={s.relation} value={values.relation} error={errors.relation} options={RELATIONS.map((r) => ({ value: r, label: s.relations[r]! }))} />
            <ChoiceGroup name="statuses" legend={s.statuses} type="checkbox" options={SCHEDULE_STATUSES.map((v) => ({ value: v, label: statusNames[v]! }))} selected={values.statuses} error={errors.statuses} required />
            <ChoiceGroup name="levels" legend={s.levels} hint={s.levelsHint} type="checkbox" options={LEVELS.map((v) => ({ value: v, label: levelNames[v]! }))} selected={values.levels} error={errors.levels} />
            <div class="form-actions"><Button>{s.add}</Button></div>
          </form>
        </section>
      ) : <p class="muted">{s.readOnly}</p>}
    </Layout>
  );
}
