// How an event's facts read in a given language. Pure functions, shared by pages, .ics and JSON-LD.
import { type Locale, type Messages, pickLocalized, isLocale, DEFAULT_LOCALE } from '../../platform/i18n/index.js';
import { formatLongDate, formatShortDate, formatTime, zoneAbbreviation, isoWithOffset } from '../../platform/time.js';
import type { LabEvent, RegistrationWindow } from './events.types.js';

export function eventLanguage(event: LabEvent): Locale {
  return isLocale(event.language) ? event.language : DEFAULT_LOCALE;
}

/** A field of the event in the reader's language, falling back to the event's own. */
export function text(event: LabEvent, field: 'title' | 'summary' | 'description' | 'discussion' | 'format' | 'audience' | 'accessNote', locale: Locale) {
  return pickLocalized(event[field], locale, eventLanguage(event));
}

/** "Dienstag, 26.05.2020 | 15:00 – 17:30 Uhr" and the zone's abbreviation ("MESZ"). */
export function when(event: LabEvent, t: Messages, locale: Locale): { label: string; zone: string; startIso: string; endIso: string } {
  const tz = event.timeZone;
  const sameDay = formatShortDate(event.startsAt, tz, locale) === formatShortDate(event.endsAt, tz, locale);
  const endLabel = sameDay ? formatTime(event.endsAt, tz, locale) : `${formatShortDate(event.endsAt, tz, locale)} ${formatTime(event.endsAt, tz, locale)}`;
  return {
    label: t.dateTime.range(formatLongDate(event.startsAt, tz, locale), formatTime(event.startsAt, tz, locale), endLabel),
    zone: zoneAbbreviation(event.startsAt, tz, locale),
    startIso: isoWithOffset(event.startsAt, tz),
    endIso: isoWithOffset(event.endsAt, tz),
  };
}

export type RegistrationBadge = { label: string; kind: 'open' | 'closed' | 'neutral' | 'warning' };

/**
 * The registration status as the seed's page words it: "Anmeldung bis 19.05.2020" while open,
 * "Anmeldung geschlossen" after the deadline.
 */
export function registrationBadge(event: LabEvent, window: RegistrationWindow, t: Messages, locale: Locale): RegistrationBadge {
  const date = (d: Date) => formatShortDate(d, event.timeZone, locale);
  switch (window.state) {
    case 'open':
      return { label: t.event.registrationUntil(date(window.closesAt)), kind: 'open' };
    case 'not-yet-open':
      return { label: t.event.registrationOpensOn(date(window.opensAt)), kind: 'neutral' };
    case 'cancelled':
      return { label: t.event.cancelled, kind: 'warning' };
    case 'closed':
    case 'past':
      return { label: t.event.registrationClosed, kind: 'closed' };
  }
}
