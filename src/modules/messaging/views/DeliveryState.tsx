// How the mails of a registration stand, in words: the compact state in a row of the
// registrations list, the status sentence of one mail (also on the event's mail list), and the
// page with every mail of one registration, where a mail that failed for good can be sent again.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { CsrfField, Notice } from '../../../platform/html/components.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import { type DeliverySummary, type RegistrationMail, worstOf } from '../delivery.js';

/** "28.11.2026 um 11:05 Uhr" in the event's time zone. */
export function atTime(ctx: PageContext, event: LabEvent, iso: string): string {
  const date = new Date(iso);
  return ctx.t.mailDelivery.at(formatShortDate(date, event.timeZone, ctx.locale), formatTime(date, event.timeZone, ctx.locale));
}

/** A next attempt: its time (with the date unless it is today), or "shortly" when it is due. */
function nextAttempt(ctx: PageContext, event: LabEvent, iso: string | null, now: Date): string {
  if (!iso || new Date(iso) <= now) return ctx.t.mailDelivery.words.soon;
  const date = new Date(iso);
  const time = formatTime(date, event.timeZone, ctx.locale);
  const day = formatShortDate(date, event.timeZone, ctx.locale);
  return day === formatShortDate(now, event.timeZone, ctx.locale) ? time : `${day} ${time}`;
}

export type MailStatusFields = Pick<RegistrationMail, 'status' | 'attempts' | 'last_error' | 'next_attempt_at' | 'transport' | 'created_at' | 'sent_at'>;

/** One mail's state as a sentence: "Zugestellt an den Mailserver am …", "Wartet — nächster Versuch …", "Endgültig abgelehnt: …". */
export function statusInWords(ctx: PageContext, event: LabEvent, mail: MailStatusFields, now: Date): string {
  const w = ctx.t.mailDelivery.words;
  const error = mail.last_error ?? '–';
  switch (mail.status) {
    case 'sent': return (mail.transport === 'dev-inbox' ? w.shown : w.sent)(atTime(ctx, event, mail.sent_at ?? mail.created_at));
    case 'failed': return w.failed(error);
    case 'sending': return w.sending;
    default: return mail.attempts > 0 ? w.retrying(nextAttempt(ctx, event, mail.next_attempt_at, now), mail.attempts, error) : w.queued;
  }
}

const STATUS_KIND: Record<string, 'open' | 'closed' | 'neutral' | 'warning'> = { sent: 'open', failed: 'closed', sending: 'neutral', queued: 'neutral' };

/** The status sentence, marked like a badge by its worst part (a retrying mail is a warning). */
export function MailStatus({ ctx, event, mail, now }: { ctx: PageContext; event: LabEvent; mail: MailStatusFields; now: Date }) {
  const kind = mail.status === 'queued' && mail.attempts > 0 ? 'warning' : (STATUS_KIND[mail.status] ?? 'neutral');
  const symbol = mail.status === 'sent' ? '✓ ' : mail.status === 'failed' ? '✗ ' : '';
  return (
    <span class={`mail-status mail-status--${kind}`}>
      {symbol ? <span aria-hidden="true">{symbol}</span> : null}{statusInWords(ctx, event, mail, now)}
    </span>
  );
}

/**
 * The compact state of a registration's mails for its row in the list; the worst state wins.
 * It links to the registration's mails; the link names the person for screen readers.
 */
export function MailStateSummary({ ctx, event, registration, summary, devInbox, now }: {
  ctx: PageContext; event: LabEvent; registration: { id: number; name: string }; summary: DeliverySummary | undefined; devInbox: boolean; now: Date;
}) {
  const t = ctx.t.mailDelivery;
  const worst = worstOf(summary);
  if (worst === 'none' || !summary) return <span class="muted"><span class="visually-hidden">{t.of(registration.name)}</span>{t.summary.none}</span>;
  let label: string;
  let symbol = '';
  if (worst === 'failed') {
    label = t.summary.failed(summary.failed, summary.total);
    symbol = '✗ ';
  } else if (worst === 'retrying') {
    label = t.summary.retrying(summary.waiting, nextAttempt(ctx, event, summary.nextRetryAt, now));
  } else if (worst === 'waiting') {
    label = t.summary.waiting(summary.waiting);
  } else {
    label = (devInbox ? t.summary.shown : t.summary.sent)(summary.sent);
    symbol = '✓ ';
  }
  return (
    <a href={`/admin/events/${event.slug}/registrations/${registration.id}/mails`} class={`mail-state mail-state--${worst}`}>
      <span class="visually-hidden">{t.of(registration.name)}</span>
      {/* Not a .badge: the row's registration status is its badge. Problems are set in bold. */}
      {worst === 'failed' || worst === 'retrying'
        ? <strong>{symbol ? <span aria-hidden="true">{symbol}</span> : null}{label}</strong>
        : <>{symbol ? <span aria-hidden="true">{symbol}</span> : null}{label}</>}
    </a>
  );
}

export function RegistrationMailsPage({ ctx, event, registration, mails, now, canRead, canChange, canEdit, notice }: {
  ctx: PageContext;
  event: LabEvent;
  registration: { id: number; name: string; email: string; status: string };
  mails: RegistrationMail[];
  now: Date;
  /** May open a mail (its body carries the personal link). */
  canRead: boolean;
  /** May send a failed mail again. */
  canChange: boolean;
  canEdit: boolean;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
}) {
  const t = ctx.t.mailDelivery;
  const title = t.title(registration.name);
  const mailsBase = `/admin/events/${event.slug}/mails`;
  return (
    <Layout ctx={ctx} title={`${title} – ${text(event, 'title', ctx.locale).text}`} area="admin">
      <p><a href={`/admin/events/${event.slug}/registrations`}>← {t.back}</a></p>
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="registrations" canEdit={canEdit} />
      {notice ? <Notice kind={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</Notice> : null}
      <dl class="meta-list">
        <dt>{ctx.t.registrationsAdmin.columns.email}</dt><dd>{registration.email}</dd>
        <dt>{t.registration}</dt><dd>{ctx.t.registrationsAdmin.statuses[registration.status] ?? registration.status}</dd>
      </dl>
      <p>{t.intro}</p>
      {mails.length === 0 ? <p>{t.none}</p> : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t.caption(mails.length)}>
          <table class="data-table">
            <caption>{t.caption(mails.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columns.mail}</th>
                <th scope="col">{t.columns.subject}</th>
                <th scope="col">{t.columns.created}</th>
                <th scope="col">{t.columns.status}</th>
                <th scope="col">{t.columns.attempts}</th>
                {canChange ? <th scope="col">{t.columns.action}</th> : null}
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => {
                const name = t.templates[mail.template] ?? mail.template;
                return (
                  <tr>
                    <th scope="row">{name}</th>
                    <td lang={mail.locale === ctx.locale ? undefined : mail.locale}>{canRead ? <a href={`${mailsBase}/${mail.id}`}>{mail.subject}</a> : mail.subject}</td>
                    <td>{atTime(ctx, event, mail.created_at)}</td>
                    <td><MailStatus ctx={ctx} event={event} mail={mail} now={now} /></td>
                    <td>{mail.attempts}</td>
                    {canChange ? (
                      <td>
                        {mail.status === 'failed' ? (
                          <form method="post" action={`${mailsBase}/${mail.id}/retry`} class="inline-form">
                            <CsrfField token={ctx.csrfToken ?? ''} />
                            <button type="submit" class="button button--secondary button--small">{t.retry} <span class="visually-hidden">{t.retryLabel(name)}</span></button>
                          </form>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
