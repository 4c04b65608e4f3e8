import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, TextField } from '../../../platform/html/components.js';
import { LAENDER, isLandCode } from '../../../platform/germany.js';
import { formatLongDate } from '../../../platform/time.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { Retention, RetentionLimits } from '../retention.service.js';

/** The personal page's confirmation before everything is deleted. */
export function EraseConfirmPage({ ctx, token }: { ctx: PageContext; token: string }) {
  const d = ctx.t.privacy.data;
  return (
    <Layout ctx={ctx} title={d.eraseTitle}>
      <div class="page-narrow">
        <h1>{d.eraseTitle}</h1>
        <Notice kind="warning"><p>{d.eraseIntro}</p></Notice>
        <form method="post" action={`/r/${token}/erase`}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <div class="form-actions">
            <Button name="confirm" value="yes">{d.eraseConfirm}</Button>
            <a href={`/r/${token}`}>{d.keep}</a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

export function ErasedPage({ ctx, registrations }: { ctx: PageContext; registrations: number }) {
  const d = ctx.t.privacy.data;
  return (
    <Layout ctx={ctx} title={d.erased}>
      <div class="page-narrow">
        <h1>{d.erased}</h1>
        <Notice kind="success" role="status"><p>{d.erasedText(registrations)}</p></Notice>
        <p><a href="/">{ctx.t.errors.backHome}</a></p>
      </div>
    </Layout>
  );
}

function CountTable({ caption, head, counts, label }: { caption: string; head: [string, string]; counts: Record<string, number>; label: (key: string) => string }) {
  return (
    <DataTable caption={caption} head={head}>
      {Object.entries(counts).sort((a, b) => b[1] - a[1]).map(([key, n]) => <tr><td>{label(key)}</td><td class="numeric">{n}</td></tr>)}
    </DataTable>
  );
}

export function RetentionPage({ ctx, event, retention, limits, value, error, saved, canEdit }: {
  ctx: PageContext; event: LabEvent; retention: Retention; limits: RetentionLimits; value: string; error?: string | undefined; saved: boolean; canEdit: boolean;
}) {
  const r = ctx.t.privacy.retention;
  const title = r.title(text(event, 'title', ctx.locale).text);
  const day = (d: Date) => formatLongDate(d, event.timeZone, ctx.locale);
  const counts = retention.counts;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="privacy" canEdit={canEdit} />
      {saved ? <Notice kind="success" role="status">{r.saved}</Notice> : null}
      <p>{r.intro}</p>
      {retention.anonymisedAt && counts ? (
        <section aria-labelledby="kept-heading">
          <h2 id="kept-heading">{r.counts}</h2>
          <p>{r.anonymised(day(retention.anonymisedAt))}</p>
          <CountTable caption={r.byStatus} head={[r.byStatus, r.count]} counts={counts.byStatus} label={(k) => ctx.t.personal.statuses[k] ?? k} />
          <CountTable caption={r.byLevel} head={[r.byLevel, r.count]} counts={counts.byLevel} label={(k) => ctx.t.registration.levels[k] ?? k} />
          <CountTable caption={r.byLand} head={[r.byLand, r.count]} counts={counts.byLand} label={(k) => (isLandCode(k) ? LAENDER[k][ctx.locale] : k)} />
        </section>
      ) : (
        <>
          <p><strong>{r.due(day(retention.dueAt), retention.days)}</strong></p>
          <p class="muted">{r.defaultDays(limits.defaultDays)}</p>
          {canEdit ? (
            <>
              <ErrorSummary errors={{ days: error }} title={ctx.t.errors.formSummary} labels={{ days: r.days }} />
              <form method="post" action={`/admin/events/${event.slug}/privacy`} novalidate>
                <CsrfField token={ctx.csrfToken ?? ''} />
                <TextField name="days" label={r.days} hint={r.daysHint(limits.minDays, limits.maxDays)} value={value} error={error} maxLength={4} />
                <div class="form-actions"><Button>{r.save}</Button></div>
              </form>
            </>
          ) : null}
        </>
      )}
    </Layout>
  );
}

export function PrivacyAdminPage({ ctx, email, found, error, notice }: {
  ctx: PageContext; email: string; found?: { registrations: number; member: boolean } | null | undefined; error?: string | undefined; notice?: string | undefined;
}) {
  const a = ctx.t.privacy.admin;
  return (
    <Layout ctx={ctx} title={a.title} area="admin">
      <div class="page-narrow">
        <h1>{a.title}</h1>
        {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
        <p>{a.intro}</p>
        <p><a href="/admin/privacy/record.md" download>{ctx.t.privacy.processing.record}</a></p>
        <ErrorSummary errors={{ email: error }} title={ctx.t.errors.formSummary} labels={{ email: a.email }} />
        <form method="post" action="/admin/privacy" novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="email" label={a.email} type="email" value={email} error={error} autocomplete="off" maxLength={254} />
          <div class="form-actions"><Button name="step" value="find">{a.find}</Button></div>
        </form>
        {found === null ? <p role="status">{a.none}</p> : null}
        {found ? (
          <section aria-labelledby="found-heading" class="panel">
            <h2 id="found-heading" role="status">{a.found(found.registrations, found.member)}</h2>
            <div class="button-row">
              {(['json', 'html'] as const).map((format) => (
                <form method="post" action="/admin/privacy/export" class="inline-form">
                  <CsrfField token={ctx.csrfToken ?? ''} />
                  <input type="hidden" name="email" value={email} />
                  <input type="hidden" name="format" value={format} />
                  <Button kind="secondary">{format === 'json' ? a.exportJson : a.exportHtml}</Button>
                </form>
              ))}
            </div>
            <form method="post" action="/admin/privacy/erase">
              <CsrfField token={ctx.csrfToken ?? ''} />
              <input type="hidden" name="email" value={email} />
              <CheckboxField name="confirm" label={a.confirm} checked={false} />
              <Button>{a.erase}</Button>
            </form>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}
