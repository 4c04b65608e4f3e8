// Times are stored in UTC and shown in the event's time zone (Intl does the zone rules).
import type { Locale } from './i18n/locale.js';

const INTL_LOCALE: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

// Creating an Intl.DateTimeFormat costs ~100 µs, using one ~2 µs: keep them (few distinct keys).
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

function parts(date: Date, timeZone: string): Record<string, number> {
  const formatted = formatter('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(date);
  const out: Record<string, number> = {};
  for (const p of formatted) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Offset of `timeZone` from UTC at `date`, in minutes (Berlin summer time: +120). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/**
 * The UTC instant of a wall-clock time ("2020-05-26T15:00") in a time zone.
 * A time in the spring-forward gap (it never happens) moves forward by the gap.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new Error(`Not a local date-time (YYYY-MM-DDTHH:MM): "${local}"`);
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Two passes settle the offset on either side of a transition; an ambiguous autumn time
  // (it happens twice) resolves to the later, standard-time instant.
  let guess = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  guess = wall - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  return new Date(guess);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** "Dienstag, 26.05.2020" / "Tuesday, 26 May 2020" */
export function formatLongDate(date: Date, timeZone: string, locale: Locale): string {
  return formatter(INTL_LOCALE[locale], {
    timeZone, weekday: 'long', day: '2-digit', month: locale === 'de' ? '2-digit' : 'long', year: 'numeric',
  }).format(date);
}

/** "26.05.2020" / "26 May 2020" */
export function formatShortDate(date: Date, timeZone: string, locale: Locale): string {
  return formatter(INTL_LOCALE[locale], {
    timeZone, day: '2-digit', month: locale === 'de' ? '2-digit' : 'short', year: 'numeric',
  }).format(date);
}

/** "15:00" in both languages: 24-hour time is usual in German and unambiguous in English. */
export function formatTime(date: Date, timeZone: string, locale: Locale): string {
  return formatter(INTL_LOCALE[locale], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** The time zone's short name at that date, e.g. "MESZ" / "CEST". */
export function zoneAbbreviation(date: Date, timeZone: string, locale: Locale): string {
  const part = formatter(INTL_LOCALE[locale], { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The machine-readable value of a <time datetime> attribute with the zone's offset. */
export function isoWithOffset(date: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
