// The CSV import pages: upload, the preview of every row with what will happen, the result.
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, ButtonLink, CsrfField, Notice, SelectField, TextArea } from '../../../platform/html/components.js';
import { LAENDER, LAND_CODES, LEVELS } from '../../../platform/germany.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { type ImportDefaults, type ImportPlan, type PlannedRow, ROW_OUTCOMES, type RowOutcome } from '../registration.import.js';

const BADGE: Record<RowOutcome, 'open' | 'closed' | 'neutral' | 'warning'> = {
  admitted: 'open', waitlisted: 'warning', existing: 'neutral', 'in-file': 'neutral', skipped: 'neutral', error: 'closed',
};

/** Shown values are cut short: a 100 KB cell stays readable and the page small. */
function short(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** The narrow page of the upload and of the result: back link and title. */
function ImportFrame({ ctx, event, children }: { ctx: PageContext; event: LabEvent; children: ComponentChildren }) {
  const t = ctx.t.registrationImport;
  const title = t.title(text(event, 'title', ctx.locale).text);
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <div class="page-narrow">
        <p><a href={`/admin/events/${event.slug}/registrations`}>← {t.back}</a></p>
        <h1>{title}</h1>
        {children}
      </div>
    </Layout>
  );
}

export function ImportUploadPage({ ctx, event, problem, pasted }: { ctx: PageContext; event: LabEvent; problem?: string | undefined; pasted?: string }) {
  const t = ctx.t.registrationImport;
  const base = `/admin/events/${event.slug}/registrations`;
  return (
    <ImportFrame ctx={ctx} event={event}>
      <p>{t.intro}</p>
      <p class="field__hint">{t.formats}</p>
      {problem ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2 class="error-summary__title">{ctx.t.errors.formSummary}</h2>
          <ul><li><a href="#field-file">{problem}</a></li></ul>
        </div>
      ) : null}
      <form method="post" action={`${base}/import`} enctype="multipart/form-data">
        <CsrfField token={ctx.csrfToken ?? ''} />
        <div class={`field${problem ? ' field--error' : ''}`}>
          <label class="field__label" for="field-file">{t.file}</label>
          {problem ? <p class="field__error" id="error-file">{problem}</p> : null}
          <input class="field__input" type="file" id="field-file" name="file" accept=".csv,text/csv,text/plain" aria-describedby={problem ? 'error-file' : undefined} aria-invalid={problem ? 'true' : undefined} />
        </div>
        <TextArea name="text" label={t.text} hint={t.textHint} value={pasted ?? ''} rows={6} />
        <Button type="submit">{t.upload}</Button>
      </form>
    </ImportFrame>
  );
}

function rowErrors(row: PlannedRow, labels: Record<string, string>): string[] {
  return Object.entries(row.errors).map(([field, message]) => `${labels[field] ?? field}: ${message}`);
}

export function ImportPreviewPage({ ctx, event, importId, fileName, plan, defaults, labels, notice }: {
  ctx: PageContext; event: LabEvent; importId: number; fileName: string; plan: ImportPlan; defaults: ImportDefaults; labels: Record<string, string>;
  notice?: { kind: 'error' | 'success'; text: string } | undefined;
}) {
  const t = ctx.t.registrationImport;
  const r = ctx.t.registration;
  const base = `/admin/events/${event.slug}/registrations`;
  const title = t.previewTitle(text(event, 'title', ctx.locale).text);
  const newRows = plan.counts.admitted + plan.counts.waitlisted;
  const errorRows = plan.rows.filter((row) => row.outcome === 'error');
  const levelLabel = (v: string) => r.levels[v] ?? v;
  const landLabel = (v: string) => (v in LAENDER ? LAENDER[v as keyof typeof LAENDER][ctx.locale] : v);
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <p><a href={base}>← {t.back}</a></p>
      <h1>{title}</h1>
      <p>{t.fileInfo(short(fileName, 80), t.formatNames[plan.format] ?? plan.format, plan.rows.length)}</p>
      {notice ? <Notice kind={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</Notice> : null}

      {errorRows.length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2 class="error-summary__title">{t.blocked(errorRows.length)}</h2>
          <ul>
            {errorRows.slice(0, 50).map((row) => (
              <li><a href={`#row-${row.line}`}>{t.line(row.line)}: {short(rowErrors(row, labels).join(' '), 300)}</a></li>
            ))}
          </ul>
          <p><a href={`${base}/import`}>{t.link}</a></p>
        </div>
      ) : null}

      <section aria-labelledby="import-summary">
        <h2 id="import-summary">{t.summary}</h2>
        <table class="data-table data-table--compact">
          <caption class="visually-hidden">{t.summary}</caption>
          <tbody>
            {ROW_OUTCOMES.map((o) => <tr><th scope="row">{t.outcomes[o]}</th><td>{plan.counts[o]}</td></tr>)}
          </tbody>
        </table>
        <p class="field__hint">{t.estimate}</p>
        {plan.ignoredColumns.length > 0 ? <p>{t.ignoredColumns(plan.ignoredColumns.map((c) => short(c, 40)).join(', '))}</p> : null}
      </section>

      {plan.rowsWithoutLevel > 0 || defaults.level || defaults.land ? (
        <section aria-labelledby="import-defaults">
          <h2 id="import-defaults">{t.defaults}</h2>
          <p>{t.defaultsIntro}</p>
          <form method="get" action={`${base}/import/${importId}`} class="filters">
            <SelectField name="level" label={t.defaultLevel} value={defaults.level} options={[{ value: '', label: t.noDefault }, ...LEVELS.map((l) => ({ value: l, label: levelLabel(l) }))]} />
            <SelectField name="land" label={t.defaultLand} value={defaults.land} options={[{ value: '', label: t.noDefault }, ...LAND_CODES.map((c) => ({ value: c, label: LAENDER[c][ctx.locale] }))]} />
            <div class="filters__submit"><Button type="submit" kind="secondary">{t.applyDefaults}</Button></div>
          </form>
        </section>
      ) : null}

      {plan.canApply ? (
        <form method="post" action={`${base}/import/${importId}`}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <input type="hidden" name="level" value={defaults.level} />
          <input type="hidden" name="land" value={defaults.land} />
          <input type="hidden" name="plan" value={plan.digest} />
          <p>{t.confirmHint}</p>
          <Button type="submit">{t.confirm(newRows)}</Button>
        </form>
      ) : newRows === 0 && errorRows.length === 0 ? <Notice kind="info">{t.nothingNew}</Notice> : null}

      <section aria-labelledby="import-rows">
        <h2 id="import-rows">{t.rows}</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="import-rows">
          <table class="data-table">
            <caption class="visually-hidden">{t.rows}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.line}</th><th scope="col">{t.columns.name}</th><th scope="col">{t.columns.email}</th>
                <th scope="col">{t.columns.organisation}</th><th scope="col">{t.columns.level}</th><th scope="col">{t.columns.land}</th>
                <th scope="col">{t.columns.outcome}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((row) => (
                <tr id={`row-${row.line}`}>
                  <th scope="row">{row.line}</th>
                  <td>{short(row.values.name)}</td>
                  <td>{short(row.values.email)}</td>
                  <td>{short(row.values.organisation)}</td>
                  <td>{short(levelLabel(row.values.level))}</td>
                  <td>{short(landLabel(row.values.land))}</td>
                  <td>
                    <Badge kind={BADGE[row.outcome]}>{t.outcomes[row.outcome]}</Badge>
                    {row.note ? <p>{row.note}</p> : null}
                    {row.outcome === 'error' ? <ul class="field__error">{rowErrors(row, labels).map((e) => <li>{short(e, 300)}</li>)}</ul> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

export function ImportDonePage({ ctx, event, message, kind }: { ctx: PageContext; event: LabEvent; message: string; kind: 'success' | 'error' | 'info' }) {
  const t = ctx.t.registrationImport;
  const base = `/admin/events/${event.slug}/registrations`;
  return (
    <ImportFrame ctx={ctx} event={event}>
      <Notice kind={kind} role={kind === 'error' ? 'alert' : 'status'}>{message}</Notice>
      <p class="admin-actions">
        <ButtonLink href={base}>{t.back}</ButtonLink>
        <ButtonLink href={`${base}/import`} kind="secondary">{t.link}</ButtonLink>
      </p>
    </ImportFrame>
  );
}
