// The mails of registration and admission, in German and English. Every mail has a text and an
// HTML part; the HTML is rendered by Preact, so names and titles are escaped like on any page.
// (#4 makes these editable per event, with placeholders and a preview.)
import { render } from 'preact-render-to-string';
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../platform/i18n/index.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplate =
  | 'confirm_email' | 'admitted' | 'waitlisted' | 'pending_approval' | 'seat_offered'
  | 'rejected' | 'cancelled' | 'personal_link' | 'offer_expired'
  | 'event_cancelled' | 'event_changed'
  | 'team_invitation' | 'team_added';

export interface MailContext {
  name: string;
  event: string;
  /** "Dienstag, 05.01.2027 | 15:00 – 17:30 Uhr" */
  when: string;
  personalLink: string;
  /** Deadline to confirm the address or to accept an offered seat. */
  deadline?: string | undefined;
  reason?: string | undefined;
  contact: string;
  /** Team mails: the role's name in the mail's language, and who added the person. */
  role?: string | undefined;
  invitedBy?: string | undefined;
}

interface Copy {
  subject: string;
  lines: string[];
  action?: string;
}

function copy(template: MailTemplate, locale: Locale, c: MailContext): Copy {
  const de = locale === 'de';
  switch (template) {
    case 'confirm_email':
      return de
        ? { subject: `Bitte bestätigt eure Anmeldung: ${c.event}`, lines: [`ihr habt euch für „${c.event}“ (${c.when}) angemeldet.`, `Bitte bestätigt eure E-Mail-Adresse bis ${c.deadline}. Erst dann zählt die Anmeldung; danach verfällt sie und der Platz wird frei.`, 'Wenn ihr euch nicht angemeldet habt, ignoriert diese Mail einfach.'], action: 'Anmeldung bestätigen' }
        : { subject: `Please confirm your registration: ${c.event}`, lines: [`you registered for “${c.event}” (${c.when}).`, `Please confirm your e-mail address by ${c.deadline}. Only then does the registration count; after that it expires and the seat is freed.`, 'If you did not register, simply ignore this mail.'], action: 'Confirm registration' };
    case 'admitted':
      return de
        ? { subject: `Ihr seid dabei: ${c.event}`, lines: [`eure Anmeldung für „${c.event}“ (${c.when}) ist bestätigt – ihr habt einen Platz.`, 'Den Zugangslink bekommt ihr vor der Veranstaltung. Über euren persönlichen Link könnt ihr eure Angaben ändern oder absagen.'], action: 'Meine Anmeldung' }
        : { subject: `You're in: ${c.event}`, lines: [`your registration for “${c.event}” (${c.when}) is confirmed – you have a seat.`, 'You will receive the access link before the event. Your personal link lets you change your details or cancel.'], action: 'My registration' };
    case 'waitlisted':
      return de
        ? { subject: `Warteliste: ${c.event}`, lines: [`„${c.event}“ ist zurzeit ausgebucht. Ihr steht auf der Warteliste.`, 'Wird ein Platz frei, bekommt ihr automatisch eine Mail und könnt ihn annehmen.'], action: 'Meine Anmeldung' }
        : { subject: `Waiting list: ${c.event}`, lines: [`“${c.event}” is fully booked at the moment. You are on the waiting list.`, 'When a seat becomes free, you will get a mail automatically and can accept it.'], action: 'My registration' };
    case 'pending_approval':
      return de
        ? { subject: `Anmeldung eingegangen: ${c.event}`, lines: [`danke, eure E-Mail-Adresse ist bestätigt. Die Teilnahme an „${c.event}“ ist Praktiker:innen öffentlicher Innovationslabore vorbehalten; das Orga-Team prüft eure Anmeldung und meldet sich.`], action: 'Meine Anmeldung' }
        : { subject: `Registration received: ${c.event}`, lines: [`thank you, your e-mail address is confirmed. “${c.event}” is reserved for practitioners of public innovation labs; the organizers will review your registration and get back to you.`], action: 'My registration' };
    case 'seat_offered':
      return de
        ? { subject: `Ein Platz ist frei: ${c.event}`, lines: [`für „${c.event}“ (${c.when}) ist ein Platz frei geworden – er ist für euch reserviert.`, `Bitte nehmt ihn bis ${c.deadline} an; sonst geht er an die nächste Person auf der Warteliste.`], action: 'Platz annehmen' }
        : { subject: `A seat is free: ${c.event}`, lines: [`a seat has become free for “${c.event}” (${c.when}) – it is reserved for you.`, `Please accept it by ${c.deadline}; otherwise it goes to the next person on the waiting list.`], action: 'Accept the seat' };
    case 'offer_expired':
      return de
        ? { subject: `Platzangebot verfallen: ${c.event}`, lines: [`der für euch reservierte Platz bei „${c.event}“ wurde nicht rechtzeitig angenommen und ist an die nächste Person gegangen.`] }
        : { subject: `Seat offer expired: ${c.event}`, lines: [`the seat reserved for you at “${c.event}” was not accepted in time and has gone to the next person.`] };
    case 'rejected':
      return de
        ? { subject: `Eure Anmeldung: ${c.event}`, lines: [`leider können wir eure Anmeldung für „${c.event}“ nicht annehmen.`, ...(c.reason ? [`Begründung: ${c.reason}`] : []), `Fragen? Schreibt an ${c.contact}.`] }
        : { subject: `Your registration: ${c.event}`, lines: [`unfortunately we cannot accept your registration for “${c.event}”.`, ...(c.reason ? [`Reason: ${c.reason}`] : []), `Questions? Write to ${c.contact}.`] };
    case 'cancelled':
      return de
        ? { subject: `Abmeldung bestätigt: ${c.event}`, lines: [`eure Anmeldung für „${c.event}“ ist storniert. Schade, dass ihr nicht dabei seid!`] }
        : { subject: `Cancellation confirmed: ${c.event}`, lines: [`your registration for “${c.event}” has been cancelled. Sorry you can't make it!`] };
    case 'event_cancelled':
      return de
        ? { subject: `Abgesagt: ${c.event}`, lines: [`„${c.event}“ (${c.when}) findet leider nicht statt.`, ...(c.reason ? [`Nachricht des Orga-Teams: ${c.reason}`] : []), `Eure Anmeldung ist damit hinfällig; ihr müsst nichts tun. Fragen? Schreibt an ${c.contact}.`] }
        : { subject: `Cancelled: ${c.event}`, lines: [`unfortunately “${c.event}” (${c.when}) will not take place.`, ...(c.reason ? [`Message from the organizers: ${c.reason}`] : []), `Your registration lapses; you need not do anything. Questions? Write to ${c.contact}.`] };
    case 'event_changed':
      return de
        ? { subject: `Geändert: ${c.event}`, lines: [`bei „${c.event}“ hat sich etwas geändert. Neu: ${c.when}.`, ...(c.reason ? [c.reason] : []), 'Passt es nicht mehr? Über euren persönlichen Link könnt ihr absagen, damit andere nachrücken.'], action: 'Meine Anmeldung' }
        : { subject: `Changed: ${c.event}`, lines: [`something has changed for “${c.event}”. Now: ${c.when}.`, ...(c.reason ? [c.reason] : []), 'If it no longer suits you, cancel through your personal link so that others can move up.'], action: 'My registration' };
    case 'team_invitation':
      return de
        ? { subject: `Einladung ins Team: ${c.event}`, lines: [`${c.invitedBy} hat euch als „${c.role}“ in das Team von „${c.event}“ (${c.when}) bei LabCamp eingetragen. Dafür haben wir euch ein Konto für die Verwaltung angelegt.`, 'Mit dem Link unten meldet ihr euch an. Er gilt 24 Stunden und nur einmal; gebt ihn nicht weiter. Danach bittet das Team um einen neuen Link.'], action: 'In der Verwaltung anmelden' }
        : { subject: `Invitation to the team: ${c.event}`, lines: [`${c.invitedBy} has added you as “${c.role}” to the team of “${c.event}” (${c.when}) on LabCamp, so we created a back-office account for you.`, 'The link below signs you in. It works once and for 24 hours; do not share it. After that, ask the team for a new link.'], action: 'Sign in to the back office' };
    case 'team_added':
      return de
        ? { subject: `Ihr seid im Team: ${c.event}`, lines: [`${c.invitedBy} hat euch als „${c.role}“ in das Team von „${c.event}“ (${c.when}) eingetragen. Ihr findet die Veranstaltung in der Verwaltung, sobald ihr angemeldet seid.`], action: 'Zum Team' }
        : { subject: `You're on the team: ${c.event}`, lines: [`${c.invitedBy} has added you as “${c.role}” to the team of “${c.event}” (${c.when}). You will find the event in the back office once you are signed in.`], action: 'To the team' };
    case 'personal_link':
      return de
        ? { subject: `Euer persönlicher Link: ${c.event}`, lines: [`hier ist euer persönlicher Link zu eurer Anmeldung für „${c.event}“ (${c.when}).`, 'Gebt ihn nicht weiter: Er öffnet eure Anmeldung.'], action: 'Meine Anmeldung' }
        : { subject: `Your personal link: ${c.event}`, lines: [`here is your personal link to your registration for “${c.event}” (${c.when}).`, 'Do not share it: it opens your registration.'], action: 'My registration' };
  }
}

function MailLayout({ children, footer }: { children: ComponentChildren; footer: string }) {
  return (
    <html>
      <body style="margin:0;padding:0;background:#f3f6f9;font-family:Arial,Helvetica,sans-serif;color:#1b1f24">
        <div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff">
          <p style="font-weight:bold;color:#0b3a6e;font-size:18px;margin:0 0 16px">LabCamp</p>
          {children}
          <p style="font-size:13px;color:#4a5560;margin-top:32px">{footer}</p>
        </div>
      </body>
    </html>
  );
}

/** The mail's one button, with the link written out below it for mail programs that hide buttons. */
function MailAction({ label, href }: { label: string; href: string }) {
  return (
    <>
      <p>
        <a href={href} style="display:inline-block;background:#0b3a6e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">{label}</a>
      </p>
      <p style="font-size:13px;color:#4a5560">{href}</p>
    </>
  );
}

export function renderMail(template: MailTemplate, locale: Locale, context: MailContext): RenderedMail {
  const c = copy(template, locale, context);
  const greeting = locale === 'de' ? `Hallo ${context.name},` : `Hello ${context.name},`;
  const footer = locale === 'de'
    ? `Diese Mail wurde von LabCamp gesendet, weil diese Adresse für „${context.event}“ angegeben wurde.`
    : `This mail was sent by LabCamp because this address was given for “${context.event}”.`;
  const text = [greeting, '', ...c.lines.flatMap((l) => [l, '']), ...(c.action ? [`${c.action}: ${context.personalLink}`, ''] : []), '-- ', footer].join('\n');
  const html = `<!doctype html>${render(
    <MailLayout footer={footer}>
      <p>{greeting}</p>
      {c.lines.map((line) => <p>{line}</p>)}
      {c.action ? <MailAction label={c.action} href={context.personalLink} /> : null}
    </MailLayout>,
  )}`;
  return { subject: c.subject, text, html };
}

/** The sign-in link an organizer asked for on /admin/login (not tied to an event). */
export function renderLoginLinkMail(locale: Locale, context: { name: string; link: string; validHours: number }): RenderedMail {
  const de = locale === 'de';
  const greeting = de ? `Hallo ${context.name},` : `Hello ${context.name},`;
  const subject = de ? 'Euer Anmeldelink für LabCamp' : 'Your LabCamp sign-in link';
  const lines = de
    ? [`mit diesem Link meldet ihr euch einmalig in der LabCamp-Verwaltung an. Er gilt ${context.validHours} Stunden.`, 'Habt ihr keinen Link angefordert? Dann ignoriert diese Mail einfach; ohne den Link passiert nichts.']
    : [`this link signs you in to the LabCamp back office once. It is valid for ${context.validHours} hours.`, 'Did not ask for a link? Simply ignore this mail; nothing happens without the link.'];
  const action = de ? 'Jetzt anmelden' : 'Sign in now';
  const footer = de
    ? 'Diese Mail wurde von LabCamp gesendet, weil auf der Anmeldeseite ein Link für diese Adresse angefordert wurde.'
    : 'This mail was sent by LabCamp because a link for this address was requested on the sign-in page.';
  const text = [greeting, '', ...lines.flatMap((l) => [l, '']), `${action}: ${context.link}`, '', '-- ', footer].join('\n');
  const html = `<!doctype html>${render(
    <MailLayout footer={footer}>
      <p>{greeting}</p>
      {lines.map((line) => <p>{line}</p>)}
      <MailAction label={action} href={context.link} />
    </MailLayout>,
  )}`;
  return { subject, text, html };
}
