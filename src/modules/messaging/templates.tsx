// The mails of registration and admission, in German and English. Every registrant mail is a
// subject and a body template with placeholders ({name}, {event}, {personal_link}, …): the defaults
// below, or an event's own version from the back office (mail_templates). Both take the same path:
// the text part is the filled template, the HTML part renders each paragraph as escaped text
// through Preact, and link placeholders become links (the personal and access link a button).
// Team mails and the sign-in link mail are not registrant mails and stay fixed.
import { render } from 'preact-render-to-string';
import type { ComponentChildren } from 'preact';
import type { Locale } from '../../platform/i18n/index.js';
import { LINK_PLACEHOLDERS, type Placeholder, type Segment, fill, parse } from './placeholders.js';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The mails a registrant gets; each one editable per event and language. */
export const REGISTRANT_TEMPLATES = [
  'confirm_email', 'pending_approval', 'approved', 'admitted', 'waitlisted', 'seat_offered', 'offer_expired',
  'rejected', 'cancelled', 'personal_link', 'event_changed', 'event_cancelled', 'access_link', 'reminder', 'thank_you',
] as const;

export type RegistrantTemplate = (typeof REGISTRANT_TEMPLATES)[number];

/** Besides the registrant mails: team mails (fixed texts) and messages organizers write (broadcasts, ADR 22). */
export type MailTemplate = RegistrantTemplate | 'team_invitation' | 'team_added' | 'broadcast';

export function isRegistrantTemplate(name: string): name is RegistrantTemplate {
  return (REGISTRANT_TEMPLATES as readonly string[]).includes(name);
}

export interface MailContext {
  name: string;
  event: string;
  /** "Dienstag, 05.01.2027 | 15:00 – 17:30 Uhr" */
  when: string;
  /** The start alone, "05.01.2027, 15:00 Uhr", in the event's time zone. */
  start?: string | undefined;
  /** The public event page. */
  eventLink?: string | undefined;
  personalLink: string;
  /** The personal way into the live room (/r/<token>/live). */
  accessLink?: string | undefined;
  /** Deadline to confirm the address or to accept an offered seat. */
  deadline?: string | undefined;
  reason?: string | undefined;
  contact: string;
  /** Team mails: the role's name in the mail's language, and who added the person. */
  role?: string | undefined;
  invitedBy?: string | undefined;
}

/** What every registrant mail can fill. */
export const COMMON_PLACEHOLDERS: readonly Placeholder[] = ['name', 'event', 'start', 'when', 'event_link', 'personal_link', 'contact'];
/** The live room opens only for people with a seat. */
const WITH_ACCESS: readonly RegistrantTemplate[] = ['admitted', 'approved', 'access_link', 'reminder'];
const WITH_DEADLINE: readonly RegistrantTemplate[] = ['confirm_email', 'seat_offered'];
const WITH_REASON: readonly RegistrantTemplate[] = ['rejected', 'event_cancelled', 'event_changed'];
/** Placeholders that may be empty in a mail (no reason given): a paragraph with an empty one is left out. */
const OPTIONAL: readonly Placeholder[] = ['reason', 'deadline'];

/** The placeholders a template can fill, in the order the back office lists them. */
export function availablePlaceholders(template: RegistrantTemplate): Placeholder[] {
  return [
    ...COMMON_PLACEHOLDERS,
    ...(WITH_ACCESS.includes(template) ? ['access_link' as const] : []),
    ...(WITH_DEADLINE.includes(template) ? ['deadline' as const] : []),
    ...(WITH_REASON.includes(template) ? ['reason' as const] : []),
  ];
}

/** A subject line cannot carry a personal token: it shows up in notifications and mail lists. */
export function subjectPlaceholders(template: RegistrantTemplate): Placeholder[] {
  return availablePlaceholders(template).filter((p) => p !== 'personal_link' && p !== 'access_link');
}

export interface TemplateText {
  subject: string;
  body: string;
}

const p = (...paragraphs: string[]) => paragraphs.join('\n\n');

const DEFAULTS: Record<RegistrantTemplate, Record<Locale, TemplateText>> = {
  confirm_email: {
    de: { subject: 'Bitte bestätigt eure Anmeldung: {event}', body: p('Hallo {name},', 'ihr habt euch für „{event}“ ({when}) angemeldet.', 'Bitte bestätigt eure E-Mail-Adresse bis {deadline}. Erst dann zählt die Anmeldung; danach verfällt sie und der Platz wird frei.', 'Wenn ihr euch nicht angemeldet habt, ignoriert diese Mail einfach.', 'Anmeldung bestätigen: {personal_link}') },
    en: { subject: 'Please confirm your registration: {event}', body: p('Hello {name},', 'you registered for “{event}” ({when}).', 'Please confirm your e-mail address by {deadline}. Only then does the registration count; after that it expires and the seat is freed.', 'If you did not register, simply ignore this mail.', 'Confirm registration: {personal_link}') },
  },
  pending_approval: {
    de: { subject: 'Anmeldung eingegangen: {event}', body: p('Hallo {name},', 'danke, eure E-Mail-Adresse ist bestätigt. Die Teilnahme an „{event}“ ist Praktiker:innen öffentlicher Innovationslabore vorbehalten; das Orga-Team prüft eure Anmeldung und meldet sich.', 'Meine Anmeldung: {personal_link}') },
    en: { subject: 'Registration received: {event}', body: p('Hello {name},', 'thank you, your e-mail address is confirmed. “{event}” is reserved for practitioners of public innovation labs; the organizers will review your registration and get back to you.', 'My registration: {personal_link}') },
  },
  approved: {
    de: { subject: 'Ihr seid dabei: {event}', body: p('Hallo {name},', 'das Orga-Team hat eure Anmeldung für „{event}“ ({when}) geprüft und zugelassen – ihr habt einen Platz.', 'Den Zugangslink bekommt ihr vor der Veranstaltung. Über euren persönlichen Link könnt ihr eure Angaben ändern oder absagen.', 'Meine Anmeldung: {personal_link}') },
    en: { subject: "You're in: {event}", body: p('Hello {name},', 'the organizers have reviewed and approved your registration for “{event}” ({when}) – you have a seat.', 'You will receive the access link before the event. Your personal link lets you change your details or cancel.', 'My registration: {personal_link}') },
  },
  admitted: {
    de: { subject: 'Ihr seid dabei: {event}', body: p('Hallo {name},', 'eure Anmeldung für „{event}“ ({when}) ist bestätigt – ihr habt einen Platz.', 'Den Zugangslink bekommt ihr vor der Veranstaltung. Über euren persönlichen Link könnt ihr eure Angaben ändern oder absagen.', 'Meine Anmeldung: {personal_link}') },
    en: { subject: "You're in: {event}", body: p('Hello {name},', 'your registration for “{event}” ({when}) is confirmed – you have a seat.', 'You will receive the access link before the event. Your personal link lets you change your details or cancel.', 'My registration: {personal_link}') },
  },
  waitlisted: {
    de: { subject: 'Warteliste: {event}', body: p('Hallo {name},', '„{event}“ ist zurzeit ausgebucht. Ihr steht auf der Warteliste.', 'Wird ein Platz frei, bekommt ihr automatisch eine Mail und könnt ihn annehmen.', 'Meine Anmeldung: {personal_link}') },
    en: { subject: 'Waiting list: {event}', body: p('Hello {name},', '“{event}” is fully booked at the moment. You are on the waiting list.', 'When a seat becomes free, you will get a mail automatically and can accept it.', 'My registration: {personal_link}') },
  },
  seat_offered: {
    de: { subject: 'Ein Platz ist frei: {event}', body: p('Hallo {name},', 'für „{event}“ ({when}) ist ein Platz frei geworden – er ist für euch reserviert.', 'Bitte nehmt ihn bis {deadline} an; sonst geht er an die nächste Person auf der Warteliste.', 'Platz annehmen: {personal_link}') },
    en: { subject: 'A seat is free: {event}', body: p('Hello {name},', 'a seat has become free for “{event}” ({when}) – it is reserved for you.', 'Please accept it by {deadline}; otherwise it goes to the next person on the waiting list.', 'Accept the seat: {personal_link}') },
  },
  offer_expired: {
    de: { subject: 'Platzangebot verfallen: {event}', body: p('Hallo {name},', 'der für euch reservierte Platz bei „{event}“ wurde nicht rechtzeitig angenommen und ist an die nächste Person gegangen.') },
    en: { subject: 'Seat offer expired: {event}', body: p('Hello {name},', 'the seat reserved for you at “{event}” was not accepted in time and has gone to the next person.') },
  },
  rejected: {
    de: { subject: 'Eure Anmeldung: {event}', body: p('Hallo {name},', 'leider können wir eure Anmeldung für „{event}“ nicht annehmen.', 'Begründung: {reason}', 'Fragen? Schreibt an {contact}.') },
    en: { subject: 'Your registration: {event}', body: p('Hello {name},', 'unfortunately we cannot accept your registration for “{event}”.', 'Reason: {reason}', 'Questions? Write to {contact}.') },
  },
  cancelled: {
    de: { subject: 'Abmeldung bestätigt: {event}', body: p('Hallo {name},', 'eure Anmeldung für „{event}“ ist storniert. Schade, dass ihr nicht dabei seid!') },
    en: { subject: 'Cancellation confirmed: {event}', body: p('Hello {name},', "your registration for “{event}” has been cancelled. Sorry you can't make it!") },
  },
  personal_link: {
    de: { subject: 'Euer persönlicher Link: {event}', body: p('Hallo {name},', 'hier ist euer persönlicher Link zu eurer Anmeldung für „{event}“ ({when}).', 'Gebt ihn nicht weiter: Er öffnet eure Anmeldung.', 'Meine Anmeldung: {personal_link}') },
    en: { subject: 'Your personal link: {event}', body: p('Hello {name},', 'here is your personal link to your registration for “{event}” ({when}).', 'Do not share it: it opens your registration.', 'My registration: {personal_link}') },
  },
  event_changed: {
    de: { subject: 'Geändert: {event}', body: p('Hallo {name},', 'bei „{event}“ hat sich etwas geändert. Neu: {when}.', '{reason}', 'Passt es nicht mehr? Über euren persönlichen Link könnt ihr absagen, damit andere nachrücken.', 'Meine Anmeldung: {personal_link}') },
    en: { subject: 'Changed: {event}', body: p('Hello {name},', 'something has changed for “{event}”. Now: {when}.', '{reason}', 'If it no longer suits you, cancel through your personal link so that others can move up.', 'My registration: {personal_link}') },
  },
  event_cancelled: {
    de: { subject: 'Abgesagt: {event}', body: p('Hallo {name},', '„{event}“ ({when}) findet leider nicht statt.', 'Nachricht des Orga-Teams: {reason}', 'Eure Anmeldung ist damit hinfällig; ihr müsst nichts tun. Fragen? Schreibt an {contact}.') },
    en: { subject: 'Cancelled: {event}', body: p('Hello {name},', 'unfortunately “{event}” ({when}) will not take place.', 'Message from the organizers: {reason}', 'Your registration lapses; you need not do anything. Questions? Write to {contact}.') },
  },
  access_link: {
    de: { subject: 'Euer Zugangslink: {event}', body: p('Hallo {name},', 'bald ist es so weit: „{event}“, {when}. Hier ist euer persönlicher Zugangslink zum Live-Raum; der Raum öffnet kurz vor Beginn.', 'Der Link gilt nur für euch. Gebt ihn nicht weiter: Der Raum ist vertraulich, und der Link öffnet ihn in eurem Namen.', 'Zum Live-Raum: {access_link}') },
    en: { subject: 'Your access link: {event}', body: p('Hello {name},', 'it is nearly time: “{event}”, {when}. Here is your personal access link to the live room; the room opens shortly before the start.', 'The link is yours alone. Do not share it: the room is confidential, and the link opens it in your name.', 'To the live room: {access_link}') },
  },
  reminder: {
    de: { subject: 'Gleich geht es los: {event}', body: p('Hallo {name},', '„{event}“ beginnt bald: {when}.', 'Mit eurem persönlichen Zugangslink kommt ihr in den Live-Raum. Gebt ihn nicht weiter. Bis gleich!', 'Zum Live-Raum: {access_link}') },
    en: { subject: 'Starting soon: {event}', body: p('Hello {name},', '“{event}” starts soon: {when}.', 'Your personal access link takes you into the live room. Do not share it. See you soon!', 'To the live room: {access_link}') },
  },
  thank_you: {
    de: { subject: 'Danke fürs Mitmachen: {event}', body: p('Hallo {name},', 'danke, dass ihr bei „{event}“ dabei wart!', 'Alles zur Veranstaltung findet ihr weiterhin auf ihrer Seite: {event_link}', 'Die Ergebnisse der Vernetzungsrunden (ohne Namen) findet ihr über eure Anmeldung, sobald das Orga-Team sie freigibt: {personal_link}', 'Fragen, Anregungen oder etwas, woran ihr weiterarbeiten wollt? Schreibt an {contact}.') },
    en: { subject: 'Thank you for taking part: {event}', body: p('Hello {name},', 'thank you for being part of “{event}”!', 'Everything about the event stays on its page: {event_link}', 'The results of the networking rounds (without names) will be on your registration page once the organizers release them: {personal_link}', 'Questions, suggestions, or something you want to keep working on? Write to {contact}.') },
  },
};

/** The built-in subject and body of a registrant mail. */
export function defaultTemplate(template: RegistrantTemplate, locale: Locale): TemplateText {
  return DEFAULTS[template][locale];
}

function valuesOf(c: MailContext): Record<Placeholder, string> {
  return {
    name: c.name, event: c.event, start: c.start ?? c.when, when: c.when, event_link: c.eventLink ?? '',
    personal_link: c.personalLink, access_link: c.accessLink ?? '', contact: c.contact, deadline: c.deadline ?? '', reason: c.reason ?? '',
  };
}

/** Paragraphs are separated by a blank line; line breaks inside one are kept. */
function paragraphsOf(body: string): string[] {
  return body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).map((s) => s.replace(/^\s+|\s+$/g, '')).filter((s) => s.length > 0);
}

const isLink = (s: Segment): boolean => s.kind === 'placeholder' && (LINK_PLACEHOLDERS as readonly string[]).includes(s.name);

/** One paragraph in the HTML part: text escaped by Preact, line breaks kept, link placeholders as links. */
function Paragraph({ segments, values }: { segments: Segment[]; values: Record<string, string> }) {
  // "Label: {personal_link}" alone in its paragraph is the mail's button, as before.
  const last = segments[segments.length - 1];
  const label = segments.length === 1 ? '' : segments.length === 2 && segments[0]!.kind === 'text' ? segments[0]!.text : null;
  if (last && label !== null && !label.includes('\n') && last.kind === 'placeholder' && (last.name === 'personal_link' || last.name === 'access_link') && values[last.name]) {
    const href = values[last.name]!;
    return <MailAction label={label.replace(/:\s*$/, '').trim() || href} href={href} />;
  }
  return (
    <p>
      {segments.map((s) => {
        if (s.kind === 'placeholder') {
          const value = values[s.name] ?? '';
          return isLink(s) && value ? <a href={value}>{value}</a> : lines(value);
        }
        return lines(s.text);
      })}
    </p>
  );
}

function lines(text: string) {
  const parts = text.split('\n');
  return parts.map((line, i) => (i === 0 ? line : <><br />{line}</>));
}

/**
 * Renders a registrant mail from a subject and body template (an event's own or the default).
 * The caller has validated an organizer's template; unknown placeholders are left empty here.
 */
export function renderTemplate(locale: Locale, source: TemplateText, context: MailContext): RenderedMail {
  const values = valuesOf(context);
  const paragraphs = paragraphsOf(source.body)
    .map((text) => parse(text).segments)
    // A paragraph built around a value this mail does not have ("Begründung: {reason}") is left out.
    .filter((segments) => !segments.some((s) => s.kind === 'placeholder' && (OPTIONAL as readonly string[]).includes(s.name) && !values[s.name as Placeholder]));
  const footer = locale === 'de'
    ? `Diese Mail wurde von LabCamp gesendet, weil diese Adresse für „${context.event}“ angegeben wurde.`
    : `This mail was sent by LabCamp because this address was given for “${context.event}”.`;
  const filled = paragraphs.map((segments) => segments.map((s) => (s.kind === 'text' ? s.text : values[s.name as Placeholder] ?? '')).join(''));
  const text = [...filled, '-- \n' + footer].join('\n\n');
  const html = `<!doctype html>${render(
    <MailLayout footer={footer}>
      {paragraphs.map((segments) => <Paragraph segments={segments} values={values} />)}
    </MailLayout>,
  )}`;
  const subject = fill(source.subject, values).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return { subject, text, html };
}

interface Copy {
  subject: string;
  lines: string[];
  action: string;
}

/** Team mails: fixed texts, not editable per event (they go to organizers, not registrants). */
function teamCopy(template: 'team_invitation' | 'team_added', locale: Locale, c: MailContext): Copy {
  const de = locale === 'de';
  if (template === 'team_invitation') {
    return de
      ? { subject: `Einladung ins Team: ${c.event}`, lines: [`${c.invitedBy} hat euch als „${c.role}“ in das Team von „${c.event}“ (${c.when}) bei LabCamp eingetragen. Dafür haben wir euch ein Konto für die Verwaltung angelegt.`, 'Mit dem Link unten meldet ihr euch an. Er gilt 24 Stunden und nur einmal; gebt ihn nicht weiter. Danach bittet das Team um einen neuen Link.'], action: 'In der Verwaltung anmelden' }
      : { subject: `Invitation to the team: ${c.event}`, lines: [`${c.invitedBy} has added you as “${c.role}” to the team of “${c.event}” (${c.when}) on LabCamp, so we created a back-office account for you.`, 'The link below signs you in. It works once and for 24 hours; do not share it. After that, ask the team for a new link.'], action: 'Sign in to the back office' };
  }
  return de
    ? { subject: `Ihr seid im Team: ${c.event}`, lines: [`${c.invitedBy} hat euch als „${c.role}“ in das Team von „${c.event}“ (${c.when}) eingetragen. Ihr findet die Veranstaltung in der Verwaltung, sobald ihr angemeldet seid.`], action: 'Zum Team' }
    : { subject: `You're on the team: ${c.event}`, lines: [`${c.invitedBy} has added you as “${c.role}” to the team of “${c.event}” (${c.when}). You will find the event in the back office once you are signed in.`], action: 'To the team' };
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

/** A mail with its default text, or with `override` (an event's own subject and body) for registrant mails. */
export function renderMail(template: MailTemplate, locale: Locale, context: MailContext, override?: TemplateText): RenderedMail {
  if (override) return renderTemplate(locale, override, context);
  if (isRegistrantTemplate(template)) return renderTemplate(locale, defaultTemplate(template, locale), context);
  if (template === 'broadcast') throw new Error('a broadcast is rendered from the text its organizers wrote');
  const c = teamCopy(template, locale, context);
  const greeting = locale === 'de' ? `Hallo ${context.name},` : `Hello ${context.name},`;
  const footer = locale === 'de'
    ? `Diese Mail wurde von LabCamp gesendet, weil diese Adresse für „${context.event}“ angegeben wurde.`
    : `This mail was sent by LabCamp because this address was given for “${context.event}”.`;
  const text = [greeting, '', ...c.lines.flatMap((l) => [l, '']), `${c.action}: ${context.personalLink}`, '', '-- ', footer].join('\n');
  const html = `<!doctype html>${render(
    <MailLayout footer={footer}>
      <p>{greeting}</p>
      {c.lines.map((line) => <p>{line}</p>)}
      <MailAction label={c.action} href={context.personalLink} />
    </MailLayout>,
  )}`;
  return { subject: c.subject, text, html };
}

/** A short mail with a greeting, a few paragraphs, one button and a footer, as text and HTML. */
export function renderNoticeMail(mail: { subject: string; greeting: string; lines: string[]; action: { label: string; href: string }; footer: string }): RenderedMail {
  const text = [mail.greeting, '', ...mail.lines.flatMap((l) => [l, '']), `${mail.action.label}: ${mail.action.href}`, '', '-- ', mail.footer].join('\n');
  const html = `<!doctype html>${render(
    <MailLayout footer={mail.footer}>
      <p>{mail.greeting}</p>
      {mail.lines.map((line) => <p style="white-space:pre-line">{line}</p>)}
      <MailAction label={mail.action.label} href={mail.action.href} />
    </MailLayout>,
  )}`;
  return { subject: mail.subject, text, html };
}

/** The sign-in link an organizer asked for on /admin/login (not tied to an event). */
export function renderLoginLinkMail(locale: Locale, context: { name: string; link: string; validHours: number }): RenderedMail {
  const de = locale === 'de';
  return renderNoticeMail({
    greeting: de ? `Hallo ${context.name},` : `Hello ${context.name},`,
    subject: de ? 'Euer Anmeldelink für LabCamp' : 'Your LabCamp sign-in link',
    lines: de
      ? [`mit diesem Link meldet ihr euch einmalig in der LabCamp-Verwaltung an. Er gilt ${context.validHours} Stunden.`, 'Habt ihr keinen Link angefordert? Dann ignoriert diese Mail einfach; ohne den Link passiert nichts.']
      : [`this link signs you in to the LabCamp back office once. It is valid for ${context.validHours} hours.`, 'Did not ask for a link? Simply ignore this mail; nothing happens without the link.'],
    action: { label: de ? 'Jetzt anmelden' : 'Sign in now', href: context.link },
    footer: de
      ? 'Diese Mail wurde von LabCamp gesendet, weil auf der Anmeldeseite ein Link für diese Adresse angefordert wurde.'
      : 'This mail was sent by LabCamp because a link for this address was requested on the sign-in page.',
  });
}
