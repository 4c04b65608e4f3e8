// What the platform processes, why, for whom and how long — generated from the running settings,
// for the Datenschutz page and the operator's record of processing activities (DSGVO Art. 30).
// The legal bases are the usual ones for a public body's event; the controller confirms them.
import type { Config } from '../../config.js';
import type { Locale } from '../../platform/i18n/index.js';
import { SESSION_TTL_MS } from '../access/access.service.js';
import { MEMBER_SESSION_TTL_MS } from '../community/members.service.js';

export interface ProcessingSettings {
  retention: Config['retention'];
  /** Host of the mail server, or null (mails stay in the outbox). */
  smtpHost: string | null;
  jitsiDomain: string | null;
  bbbHost: string | null;
  database: 'sqlite' | 'postgres';
}

export interface ProcessingActivity {
  name: string;
  purpose: string;
  subjects: string;
  data: string;
  legalBasis: string;
  recipients: string;
  retention: string;
}

export function settingsFrom(config: Config): ProcessingSettings {
  return {
    retention: config.retention,
    smtpHost: config.smtpUrl?.hostname ?? null,
    jitsiDomain: config.video.jitsi?.domain ?? null,
    bbbHost: config.video.bbb ? new URL(config.video.bbb.url).hostname : null,
    database: config.database.dialect,
  };
}

const hours = (ms: number) => Math.round(ms / 3600_000);
const days = (ms: number) => Math.round(ms / (24 * 3600_000));

export function processingActivities(s: ProcessingSettings, locale: Locale): ProcessingActivity[] {
  const de = locale === 'de';
  const { defaultDays, minDays, maxDays } = s.retention;
  const afterEvent = de
    ? `bis ${defaultDays} Tage nach dem Ende der Veranstaltung (die Organisierenden können ${minDays} bis ${maxDays} Tage wählen; das Datum steht im Backoffice), danach anonymisiert: es bleiben nur Zahlen nach Status, Ebene und Land`
    : `until ${defaultDays} days after the event's end (organizers may choose ${minDays} to ${maxDays} days; the date is shown in the back office), then anonymised: only counts by status, level and state remain`;
  const mail = s.smtpHost
    ? (de ? `der Mailserver ${s.smtpHost} (Versand)` : `the mail server ${s.smtpHost} (delivery)`)
    : (de ? 'kein Mailserver eingerichtet: Mails bleiben im Postausgang auf diesem Server' : 'no mail server configured: mails stay in the outbox on this server');
  const video = [s.jitsiDomain ? `Jitsi Meet (${s.jitsiDomain})` : null, s.bbbHost ? `BigBlueButton (${s.bbbHost})` : null].filter(Boolean).join(', ');
  const storage = s.database === 'sqlite' ? (de ? 'Datenbank auf diesem Server' : 'database on this server') : (de ? 'PostgreSQL-Datenbank des Betriebs' : "the operator's PostgreSQL database");
  const publicTask = de ? 'Art. 6 Abs. 1 lit. e DSGVO (Aufgabe der veranstaltenden Stelle); von der verantwortlichen Stelle zu bestätigen' : 'Art. 6(1)(e) GDPR (task of the hosting body); to be confirmed by the controller';
  const consent = de ? 'Art. 6 Abs. 1 lit. a DSGVO (Einwilligung, jederzeit widerruflich)' : 'Art. 6(1)(a) GDPR (consent, revocable at any time)';
  const team = de ? 'die Organisierenden der jeweiligen Veranstaltung' : 'the organizers of the event';
  return [
    {
      name: de ? 'Anmeldung zu Treffen' : 'Registration for meetings',
      purpose: de ? 'Zulassung, Platzvergabe und Warteliste, Zugang zum vertraulichen Live-Raum' : 'admission, seats and waiting list, access to the confidential live room',
      subjects: de ? 'Teilnehmende' : 'participants',
      data: de ? 'Name, E-Mail-Adresse, Labor oder Organisation, Ebene, Land, Rolle (freiwillig), Antworten auf Fragen der Veranstaltung, Zeitpunkte von Anmeldung, Bestätigung und Einwilligung' : 'name, e-mail address, lab or organisation, level, state, role (optional), answers to the event’s questions, times of registration, confirmation and consent',
      legalBasis: publicTask, recipients: `${team}; ${storage}`, retention: afterEvent,
    },
    {
      name: de ? 'Mails an Angemeldete' : 'Mails to registrants',
      purpose: de ? 'Bestätigung der Adresse, Zusagen, Zugangslink, Erinnerungen, Änderungen' : 'address confirmation, admission, access link, reminders, changes',
      subjects: de ? 'Teilnehmende' : 'participants',
      data: de ? 'E-Mail-Adresse, Name, Inhalt der Mail, Zustellstatus' : 'e-mail address, name, content of the mail, delivery state',
      legalBasis: publicTask, recipients: `${team}; ${mail}`, retention: afterEvent,
    },
    {
      name: de ? 'Live-Raum: Fragen, Vernetzungsrunden, Ergebnis-Tafeln' : 'Live room: questions, networking rounds, results boards',
      purpose: de ? 'moderierte Fragen, Gruppen für Vernetzungsrunden, gemeinsame Ergebnisse' : 'moderated questions, groups for networking rounds, shared results',
      subjects: de ? 'Teilnehmende' : 'participants',
      data: de ? 'Fragen (mit Namen oder anonym), Stimmen, Gruppenzuordnung, Einträge auf Tafeln (ohne Namen)' : 'questions (with a name or anonymous), votes, group membership, board entries (without names)',
      legalBasis: publicTask,
      recipients: `${team}${video ? (de ? `; beim Betreten eines Videoraums der Anzeigename an ${video}` : `; on entering a video room the display name to ${video}`) : ''}`,
      retention: de ? `${afterEvent}; Texte bleiben ohne Namen` : `${afterEvent}; texts remain without names`,
    },
    {
      name: de ? 'Teilnehmendenliste' : 'Participant list',
      purpose: de ? 'Vernetzung unter zugelassenen Teilnehmenden' : 'networking among admitted participants',
      subjects: de ? 'Teilnehmende, die zugestimmt haben' : 'participants who agreed',
      data: de ? 'Name, Labor, Ebene' : 'name, lab, level',
      legalBasis: consent, recipients: de ? 'zugelassene Teilnehmende derselben Veranstaltung' : 'admitted participants of the same event', retention: afterEvent,
    },
    {
      name: de ? 'Community (Mitglieder, Praktiken, Herausforderungen, Kontakt)' : 'Community (members, practices, challenges, contact)',
      purpose: de ? 'Austausch zwischen öffentlichen Innovationslaboren über die Treffen hinaus' : 'exchange between public innovation labs beyond the meetings',
      subjects: de ? 'Mitglieder' : 'members',
      data: de ? 'Name, E-Mail-Adresse (nie sichtbar), Labor, Angaben zur Arbeit, ob man gefunden werden darf; dass eine Nachricht über die Plattform ging (ihr Text nur in der Mail)' : 'name, e-mail address (never shown), lab, a note on one’s work, whether one may be found; that a message went through the platform (its text only in the mail)',
      legalBasis: consent, recipients: `${de ? 'Mitglieder und Organisierende' : 'members and organizers'}; ${mail}`,
      retention: de ? 'bis das Mitglied die Community verlässt oder die Löschung verlangt' : 'until the member leaves the community or asks for erasure',
    },
    {
      name: de ? 'Konten der Organisierenden und Audit-Log' : 'Organizer accounts and audit log',
      purpose: de ? 'Anmeldung in der Verwaltung, Rollen, Nachvollziehbarkeit jeder Änderung' : 'back-office sign-in, roles, a record of every change',
      subjects: de ? 'Organisierende' : 'organizers',
      data: de ? 'Name, E-Mail-Adresse, Passwort als argon2id-Hash, Sitzungen, wer wann was geändert hat' : 'name, e-mail address, password as an argon2id hash, sessions, who changed what when',
      legalBasis: publicTask, recipients: de ? 'Administration des Betriebs' : 'the operator’s administrators',
      retention: de ? 'solange das Konto besteht; Einträge des Audit-Logs ohne personenbezogene Inhalte der Teilnehmenden' : 'as long as the account exists; audit entries without participants’ personal content',
    },
    {
      name: de ? 'Cookies' : 'Cookies',
      purpose: de ? 'nur technisch notwendige Cookies' : 'technically necessary cookies only',
      subjects: de ? 'alle Besuchenden' : 'all visitors',
      data: de
        ? `lc_lang (Sprache, 1 Jahr), lc_csrf (Formularschutz, Sitzung), lc_live (Live-Raum, bis zum Ende des Treffens), lc_member (Community, ${days(MEMBER_SESSION_TTL_MS)} Tage), lc_session (Verwaltung, ${hours(SESSION_TTL_MS)} Stunden)`
        : `lc_lang (language, 1 year), lc_csrf (form protection, session), lc_live (live room, until the meeting ends), lc_member (community, ${days(MEMBER_SESSION_TTL_MS)} days), lc_session (back office, ${hours(SESSION_TTL_MS)} hours)`,
      legalBasis: de ? '§ 25 Abs. 2 Nr. 2 TDDDG (unbedingt erforderlich)' : '§ 25(2) no. 2 TDDDG (strictly necessary)', recipients: de ? 'keine' : 'none',
      retention: de ? 'wie angegeben' : 'as stated',
    },
  ];
}

/** The record of processing activities as Markdown, for the operator to complete and file. */
export function recordMarkdown(activities: ProcessingActivity[], locale: Locale, generatedAt: Date): string {
  const de = locale === 'de';
  const lines = [
    de ? '# Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO): LabCamp' : '# Record of processing activities (Art. 30 GDPR): LabCamp',
    '',
    de ? `Erzeugt aus den Einstellungen des Betriebs am ${generatedAt.toISOString().slice(0, 10)}. Ergänzt Verantwortliche Stelle, Datenschutzbeauftragte und technisch-organisatorische Maßnahmen.` : `Generated from the operator's settings on ${generatedAt.toISOString().slice(0, 10)}. Add the controller, the data protection officer and the technical and organisational measures.`,
    '',
  ];
  for (const a of activities) {
    lines.push(`## ${a.name}`, '');
    const rows: Array<[string, string]> = de
      ? [['Zweck', a.purpose], ['Betroffene', a.subjects], ['Daten', a.data], ['Rechtsgrundlage', a.legalBasis], ['Empfänger', a.recipients], ['Löschfrist', a.retention]]
      : [['Purpose', a.purpose], ['Data subjects', a.subjects], ['Data', a.data], ['Legal basis', a.legalBasis], ['Recipients', a.recipients], ['Erasure', a.retention]];
    for (const [k, v] of rows) lines.push(`- **${k}:** ${v}`);
    lines.push('');
  }
  return lines.join('\n');
}
