// Where mails go: an SMTP server (SMTP_URL), or — without one — the dev inbox, which simply
// marks them delivered so the back office shows them as they would arrive.
import { rootCertificates } from 'node:tls';
import nodemailer from 'nodemailer';
import { PARALLEL_SENDS } from './worker.js';

export interface MailToSend {
  from: string;
  to: { address: string; name: string };
  subject: string;
  text: string;
  html: string;
  calendar: string | null;
  /** Message-ID derived from the outbox id, so a resend is recognisable as the same mail. */
  messageId: string;
}

export interface MailTransport {
  readonly name: 'smtp' | 'dev-inbox';
  send(mail: MailToSend): Promise<void>;
  close(): void;
}

export interface SmtpTrust {
  /** PEM CA certificates (SMTP_CA_FILE) trusted besides the system's, e.g. an in-house CA. */
  ca?: string | null;
}

export function createTransport(smtpUrl: URL | null, trust: SmtpTrust = {}): MailTransport {
  if (!smtpUrl) return { name: 'dev-inbox', send: async () => {}, close: () => {} };
  // smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start.
  // With a user name or password in an smtp:// URL, STARTTLS is required (requireTLS): nodemailer
  // would otherwise log in over a plain connection whenever the server does not offer STARTTLS
  // (a misconfigured relay, or an attacker in between who strips it from the EHLO answer) and
  // hand the password to anyone on the path. The mail then waits in the outbox with the error
  // instead. An operator who really has to log in without TLS (a relay on the same host) says so
  // in the URL with ?requireTLS=false; without credentials STARTTLS stays opportunistic.
  // Only an explicit false/0/no/off lifts it; the parameter is decided here, not by nodemailer.
  const url = new URL(smtpUrl);
  const requireTlsParam = url.searchParams.get('requireTLS');
  url.searchParams.delete('requireTLS');
  const hasCredentials = url.username !== '' || url.password !== '';
  const requireTLS = requireTlsParam === null ? hasCredentials : !/^(0|false|no|off)$/i.test(requireTlsParam);
  // A pool keeps connections open between mails and sends over several at once (the worker
  // hands over PARALLEL_SENDS mails at a time).
  const transporter = nodemailer.createTransport({
    url: url.toString(),
    secure: smtpUrl.protocol === 'smtps:',
    requireTLS,
    // An extra CA is added to Node's built-in list (tls.ca alone would replace it), so the
    // certificate is still verified against the host name, never waved through.
    ...(trust.ca ? { tls: { ca: [...rootCertificates, trust.ca] } } : {}),
    pool: true,
    maxConnections: PARALLEL_SENDS,
    maxMessages: 500,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: { name: mail.to.name, address: mail.to.address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.calendar ? { icalEvent: { method: calendarMethod(mail.calendar), content: mail.calendar, filename: 'invitation.ics' } } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/** The METHOD of an iCalendar text (REQUEST, CANCEL, PUBLISH), for the MIME part's method parameter. */
export function calendarMethod(calendar: string): string {
  return /^METHOD:([A-Z]+)\r?$/m.exec(calendar)?.[1] ?? 'PUBLISH';
}
