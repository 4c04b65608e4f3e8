// Where mails go: an SMTP server (SMTP_URL), or — without one — the dev inbox, which simply
// marks them delivered so the back office shows them as they would arrive.
import nodemailer from 'nodemailer';

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

export function createTransport(smtpUrl: URL | null): MailTransport {
  if (!smtpUrl) return { name: 'dev-inbox', send: async () => {}, close: () => {} };
  // smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start.
  const transporter = nodemailer.createTransport({
    url: smtpUrl.toString(),
    secure: smtpUrl.protocol === 'smtps:',
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
        ...(mail.calendar ? { icalEvent: { method: 'REQUEST', content: mail.calendar, filename: 'invitation.ics' } } : {}),
      });
    },
    close: () => transporter.close(),
  };
}
