// The organizers' registrations page: overview, filters, the table with its actions.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, ButtonLink, CsrfField, Notice, Pagination, SelectField, TextField } from '../../../platform/html/components.js';
import { LAENDER, LAND_CODES, LEVELS, isLandCode } from '../../../platform/germany.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { RegistrationQuery, RegistrationRow } from '../registration.repo.js';
import type { DeliverySummary } from '../../messaging/delivery.js';
import { MailStateSummary } from '../../messaging/views/DeliveryState.js';

export interface RegistrationsPageData {
  event: LabEvent;
  query: RegistrationQuery;
  rows: RegistrationRow[];
  total: number;
  stats: { byStatus: Record<string, number>; byLevel: Record<string, number>; byLand: Record<string, number>; byDay: Array<{ day: string; n: number }> };
  seatsTaken: number;
  canChange: boolean;
  /** May export (CSV, XLSX); read-only members and moderators may not. */
  canExport?: boolean;
  /** May edit the event: the tabs for editing, programme and log are shown. */
  canEdit?: boolean;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
  /** The mail state of the rows shown (from the messaging module); without it the column is left out. */
  mails?: { states: Map<number, DeliverySummary>; devInbox: boolean; now: Date } | undefined;
}

const STATUSES = ['unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered', 'rejected', 'cancelled', 'expired'];
const BADGE: Record<string, 'open' | 'closed' | 'neutral' | 'warning'> = {
  admitted: 'open', offered: 'warning', pending: 'warning', waitlisted: 'neutral', unconfirmed: 'neutral', rejected: 'closed', cancelled: 'closed', expired: 'closed',
};

/** Which actions fit a status (the service checks again). */
function actionsFor(status: string): string[] {
  switch (status) {
    case 'pending': return ['approve', 'reject', 'waitlist', 'resend'];
    case 'admitted': return ['waitlist', 'cancel', 'resend'];
    case 'waitlisted': return ['admit', 'reject', 'cancel', 'resend'];
    case 'offered': return ['admit', 'cancel', 'resend'];
    case 'unconfirmed': return ['cancel', 'resend'];
    case 'rejected': return ['resend'];
    default: return [];
  }
}

function queryString(query: RegistrationQuery, changes: Partial<RegistrationQuery>): string {
  const merged = { ...query, ...changes };
  const params = new URLSearchParams();
  if (merged.q) params.set('q', merged.q);
  if (merged.status) params.set('status', merged.status);
  if (merged.level) params.set('level', merged.level);
  if (merged.land) params.set('land', merged.land);
  if (merged.mail) params.set('mail', merged.mail);
  params.set('sort', `${merged.sort}-${merged.dir}`);
  if (merged.page > 1) params.set('page', String(merged.page));
  return `?${params}`;
}

function BarChart({ ctx, data }: { ctx: PageContext; data: Array<{ day: string; n: number }> }) {
  const t = ctx.t.registrationsAdmin;
  if (data.length === 0) return null;
  const max = Math.max(...data.map((d) => d.n));
  // At least a month wide, so a single day is a slim bar rather than a block.
  const width = Math.max(data.length, 30) * 24;
  const total = data.reduce((sum, d) => sum + d.n, 0);
  return (
    <figure class="chart">
      <figcaption>{t.overTime}</figcaption>
      <svg viewBox={`0 0 ${width} 110`} role="img" aria-label={t.chartLabel(total, data.length)} class="chart__svg" preserveAspectRatio="none">
        {data.map((d, i) => {
          const h = Math.max(2, Math.round((d.n / max) * 100));
          return <rect x={i * 24 + 4} y={105 - h} width={16} height={h} class="chart__bar"><title>{`${d.day}: ${d.n}`}</title></rect>;
        })}
      </svg>
      <details>
        <summary>{t.asTable}</summary>
        <table class="data-table">
          <thead><tr><th scope="col">{t.day}</th><th scope="col">{t.count}</th></tr></thead>
          <tbody>{data.map((d) => <tr><td>{d.day}</td><td>{d.n}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}

function CountTable({ caption, rows }: { caption: string; rows: Array<[string, number]> }) {
  return (
    <table class="data-table data-table--compact">
      <caption>{caption}</caption>
      <tbody>{rows.length > 0 ? rows.map(([label, n]) => <tr><th scope="row">{label}</th><td>{n}</td></tr>) : <tr><td colSpan={2}>–</td></tr>}</tbody>
    </table>
  );
}

export function RegistrationsAdminPage({ ctx, data }: { ctx: PageContext; data: RegistrationsPageData }) {
  const t = ctx.t.registrationsAdmin;
  const r = ctx.t.registration;
  const p = ctx.t.personal;
  const { event, query, rows, total, stats } = data;
  const title = text(event, 'title', ctx.locale).text;
  const base = `/admin/events/${event.slug}/registrations`;
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  const landLabel = (code: string | null) => (code && isLandCode(code) ? LAENDER[code][ctx.locale] : '–');
  return (
    <Layout ctx={ctx} title={t.title(title)} area="admin">
      <h1>{t.title(title)}</h1>
      <EventAdminNav ctx={ctx} event={event} current="registrations" canEdit={data.canEdit !== false} />
      {data.notice ? <Notice kind={data.notice.kind} role={data.notice.kind === 'error' ? 'alert' : 'status'}>{data.notice.text}</Notice> : null}

      <section aria-labelledby="overview" class="admin-overview">
        <h2 id="overview">{t.overview}</h2>
        <p><strong>{t.seats(data.seatsTaken, event.capacity)}</strong></p>
        <div class="admin-overview__grid">
          <CountTable caption={t.byStatus} rows={STATUSES.filter((s) => stats.byStatus[s]).map((s) => [t.statuses[s] ?? s, stats.byStatus[s]!])} />
          <CountTable caption={t.byLevel} rows={LEVELS.filter((l) => stats.byLevel[l]).map((l) => [r.levels[l] ?? l, stats.byLevel[l]!])} />
          <CountTable caption={t.byLand} rows={Object.entries(stats.byLand).map(([code, n]) => [code === '-' ? r.landNone : landLabel(code), n])} />
        </div>
        <BarChart ctx={ctx} data={stats.byDay} />
      </section>

      <section aria-labelledby="list">
        <h2 id="list">{t.nav}</h2>
        <p class="admin-actions">
          {data.canChange ? <ButtonLink href={`${base}/new`}>{t.manual}</ButtonLink> : null}
          {data.canExport !== false ? <ButtonLink href={`/admin/events/${event.slug}/registrations.csv${queryString(query, { page: 1 })}`} kind="secondary">{t.exportCsv}</ButtonLink> : null}
          {data.canExport !== false ? <ButtonLink href={`/admin/events/${event.slug}/registrations.xlsx${queryString(query, { page: 1 })}`} kind="secondary">{ctx.t.registrationImport.exportXlsx}</ButtonLink> : null}
          {data.canChange ? <ButtonLink href={`${base}/import`} kind="secondary">{ctx.t.registrationImport.link}</ButtonLink> : null}
        </p>
        <form method="get" action={base} class="filters" role="search">
          <TextField name="q" label={t.search} value={query.q} />
          <SelectField name="status" label={p.status} value={query.status ?? ''} options={[{ value: '', label: t.all }, ...STATUSES.map((s) => ({ value: s, label: t.statuses[s] ?? s }))]} />
          <SelectField name="level" label={r.level} value={query.level ?? ''} options={[{ value: '', label: t.all }, ...LEVELS.map((l) => ({ value: l, label: r.levels[l] ?? l }))]} />
          <SelectField name="land" label={r.land} value={query.land ?? ''} options={[{ value: '', label: t.all }, { value: '-', label: r.landNone }, ...LAND_CODES.map((c) => ({ value: c, label: LAENDER[c][ctx.locale] }))]} />
          {data.mails ? <SelectField name="mail" label={ctx.t.mailDelivery.filter} value={query.mail ?? ''} options={[{ value: '', label: t.all }, { value: 'problems', label: ctx.t.mailDelivery.filterProblems }]} /> : null}
          <SelectField name="sort" label={t.sort} value={`${query.sort}-${query.dir}`} options={Object.entries(t.sorts).map(([value, label]) => ({ value, label }))} />
          <div class="filters__submit"><Button type="submit" kind="secondary">{t.filter}</Button></div>
        </form>
        <p role="status">{t.results(total)}</p>
        {rows.length === 0 ? <p>{t.none}</p> : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t.nav}>
            <table class="data-table">
              <caption class="visually-hidden">{t.nav}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columns.name}</th><th scope="col">{t.columns.email}</th><th scope="col">{t.columns.organisation}</th>
                  <th scope="col">{t.columns.level}</th><th scope="col">{t.columns.land}</th><th scope="col">{t.columns.status}</th>
                  {data.mails ? <th scope="col">{ctx.t.mailDelivery.column}</th> : null}
                  <th scope="col">{t.columns.created}</th>{data.canChange ? <th scope="col">{t.columns.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <th scope="row">{row.name}</th>
                    <td>{row.email}</td>
                    <td>{row.organisation}</td>
                    <td>{r.levels[row.level] ?? row.level}</td>
                    <td>{landLabel(row.land)}</td>
                    <td><Badge kind={BADGE[row.status] ?? 'neutral'}>{t.statuses[row.status] ?? row.status}</Badge></td>
                    {data.mails ? <td><MailStateSummary ctx={ctx} event={event} registration={row} summary={data.mails.states.get(row.id)} devInbox={data.mails.devInbox} now={data.mails.now} /></td> : null}
                    <td>{formatShortDate(new Date(row.created_at), event.timeZone, ctx.locale)} {formatTime(new Date(row.created_at), event.timeZone, ctx.locale)}</td>
                    {data.canChange ? (
                      <td class="row-actions">
                        {actionsFor(row.status).map((action) =>
                          action === 'reject' ? (
                            <a class="button button--secondary button--small" href={`${base}/${row.id}/reject`}>{t.actions.reject} <span class="visually-hidden">({row.name})</span></a>
                          ) : (
                            <form method="post" action={`${base}/${row.id}/${action}${queryString(query, {})}`} class="inline-form">
                              <CsrfField token={ctx.csrfToken ?? ''} />
                              <button type="submit" class="button button--secondary button--small">{t.actions[action]} <span class="visually-hidden">({row.name})</span></button>
                            </form>
                          ))}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={query.page} pages={pages} href={(page) => `${base}${queryString(query, { page })}`} labels={t} />
      </section>
    </Layout>
  );
}
