// The mails of one event (the dev inbox without SMTP_URL) and a single mail.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { CsrfField, Notice, Pagination } from '../../../platform/html/components.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import type { OutboxTable } from '../messaging.tables.js';
import type { OutboxListRow } from '../messaging.repo.js';
import { MailStatus } from './DeliveryState.js';

function when(ctx: PageContext, event: LabEvent, iso: string) {
  const date = new Date(iso);
  return `${formatShortDate(date, event.timeZone, ctx.locale)} ${formatTime(date, event.timeZone, ctx.locale)}`;
}

export function MailsPage({ ctx, event, now, rows, total, page, pageSize, devInbox, canRead, canEdit = true }: {
  ctx: PageContext; event: LabEvent; now: Date; rows: OutboxListRow[]; total: number; page: number; pageSize: number; devInbox: boolean; canRead: boolean; canEdit?: boolean;
}) {
  const t = ctx.t.mailsAdmin;
  const title = t.title(text(event, 'title', ctx.locale).text);
  const base = `/admin/events/${event.slug}/mails`;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="mails" canEdit={canEdit} />
      <Notice kind={devInbox ? 'warning' : 'info'}>{devInbox ? t.devInbox : t.smtp}</Notice>
      {rows.length === 0 ? <p>{t.none}</p> : (
        <div class="table-scroll" tabindex={0} role="region" aria-label={t.count(total)}>
          <table class="data-table">
            <caption>{t.count(total)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.created}</th>
                <th scope="col">{t.columns.to}</th>
                <th scope="col">{t.columns.subject}</th>
                <th scope="col">{t.columns.status}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((mail) => (
                <tr>
                  <td>{when(ctx, event, mail.created_at)}</td>
                  <td>
                    {mail.to_name} &lt;{mail.to_address}&gt;
                    {mail.registration_id !== null ? (
                      <><br /><a href={`/admin/events/${event.slug}/registrations/${mail.registration_id}/mails`}>{ctx.t.mailDelivery.toRegistration(mail.to_name)}</a></>
                    ) : null}
                  </td>
                  <td>{canRead ? <a href={`${base}/${mail.id}`}>{mail.subject}</a> : mail.subject}</td>
                  <td><MailStatus ctx={ctx} event={event} mail={mail} now={now} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={Math.max(1, Math.ceil(total / pageSize))} href={(p) => `${base}?page=${p}`} labels={ctx.t.registrationsAdmin} />
    </Layout>
  );
}

type Mail = { [K in keyof OutboxTable]: OutboxTable[K] extends import('kysely').Generated<infer T> ? T : OutboxTable[K] };

export function MailPage({ ctx, event, mail, now }: { ctx: PageContext; event: LabEvent; mail: Mail; now: Date }) {
  const t = ctx.t.mailsAdmin;
  const base = `/admin/events/${event.slug}/mails`;
  return (
    <Layout ctx={ctx} title={mail.subject} area="admin">
      <p><a href={base}>{t.back}</a></p>
      <h1>{mail.subject}</h1>
      <dl class="meta-list">
        <dt>{t.columns.to}</dt><dd>{mail.to_name} &lt;{mail.to_address}&gt;</dd>
        <dt>{t.columns.created}</dt><dd>{when(ctx, event, mail.created_at)}</dd>
        <dt>{t.columns.status}</dt><dd><MailStatus ctx={ctx} event={event} mail={mail} now={now} /></dd>
        <dt>{ctx.t.mailDelivery.columns.attempts}</dt><dd>{mail.attempts}</dd>
        {mail.registration_id !== null ? <><dt>{ctx.t.mailDelivery.registration}</dt><dd><a href={`/admin/events/${event.slug}/registrations/${mail.registration_id}/mails`}>{ctx.t.mailDelivery.toRegistration(mail.to_name)}</a></dd></> : null}
      </dl>
      {mail.status === 'failed' ? (
        <form method="post" action={`${base}/${mail.id}/retry`}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <button type="submit" class="button button--secondary">{ctx.t.mailDelivery.retry}</button>
        </form>
      ) : null}
      {mail.calendar ? <p>{t.calendar}</p> : null}
      <h2>{t.textPart}</h2>
      <pre class="mail-text" lang={mail.locale}>{mail.text_body}</pre>
      <p><a href={`${base}/${mail.id}/html`} target="_blank" rel="noopener">{t.htmlPart}</a></p>
    </Layout>
  );
}
