import type { LocalizedText } from '../../platform/i18n/index.js';

export const SITE_PAGE_SLUGS = ['impressum', 'datenschutz'] as const;
export type SitePageSlug = (typeof SITE_PAGE_SLUGS)[number];

/** Shown until the operator writes their own text in the back office (Seiten / Pages). */
export const DEFAULT_PAGES: Record<SitePageSlug, LocalizedText> = {
  impressum: {
    de: `**Hinweis für Betreibende:** Dieser Text ist ein Platzhalter. Tragt hier die Angaben nach § 5 DDG ein (Verwaltung → Seiten → Impressum).

## Angaben gemäß § 5 DDG

Name der betreibenden Stelle
Anschrift
E-Mail-Adresse

## Verantwortlich für den Inhalt

Name, Anschrift`,
    en: `**Note for operators:** this text is a placeholder. Enter the details required by § 5 DDG here (Back office → Pages → Legal notice).

## Information according to § 5 DDG

Name of the operating body
Address
E-mail address

## Responsible for the content

Name, address`,
  },
  datenschutz: {
    de: `**Hinweis für Betreibende:** Dieser Text beschreibt, was LabCamp selbst verarbeitet. Ergänzt die verantwortliche Stelle, die Kontaktdaten der oder des Datenschutzbeauftragten und eure Aufbewahrungsfristen (Verwaltung → Seiten → Datenschutz).

## Verantwortliche Stelle

Siehe Impressum.

## Was wir verarbeiten

- **Server-Protokolle:** Beim Aufruf einer Seite werden Zeitpunkt, aufgerufene Adresse und Statuscode protokolliert, um den Betrieb zu sichern. Persönliche Links werden in den Protokollen unkenntlich gemacht.
- **Cookies:** LabCamp setzt nur technisch notwendige Cookies: die gewählte Sprache (\`lc_lang\`, ein Jahr), einen Schutz gegen untergeschobene Formulare (\`lc_csrf\`, Sitzung) und – nur für Organisierende – die Anmeldung in der Verwaltung (\`lc_session\`, 12 Stunden).
- **Keine Dienste Dritter:** Schriften, Skripte und Grafiken kommen von diesem Server. Es gibt keine Analyse- oder Tracking-Werkzeuge.

## Eure Rechte

Ihr habt das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Datenübertragbarkeit und Widerspruch sowie auf Beschwerde bei einer Aufsichtsbehörde.`,
    en: `**Note for operators:** this text describes what LabCamp itself processes. Add the controller, the contact details of the data protection officer and your retention periods (Back office → Pages → Privacy).

## Controller

See the legal notice.

## What we process

- **Server logs:** when a page is requested, the time, address and status code are logged to keep the service running. Personal links are masked in the logs.
- **Cookies:** LabCamp sets only technically necessary cookies: the chosen language (\`lc_lang\`, one year), protection against forged forms (\`lc_csrf\`, session) and – for organizers only – the back-office sign-in (\`lc_session\`, 12 hours).
- **No third-party services:** fonts, scripts and images come from this server. There are no analytics or tracking tools.

## Your rights

You have the right of access, rectification, erasure, restriction of processing, data portability and objection, and the right to lodge a complaint with a supervisory authority.`,
  },
};
