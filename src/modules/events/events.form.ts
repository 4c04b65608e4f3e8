// The organizers' event form: reading the posted fields, checking them, and turning them into
// an event. Times are entered as wall-clock times in the event's time zone, as organizers think.
import type { LocalizedText, Messages } from '../../platform/i18n/index.js';
import { checkText, field, isEmailAddress, normalizeText } from '../../platform/http/form.js';
import { isValidTimeZone, zonedTimeToUtc } from '../../platform/time.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { AttendanceMode, EventHost, LabEvent, NewEvent } from './events.types.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
const MODES: AttendanceMode[] = ['online', 'venue', 'hybrid'];

/** The localized texts of an event and their maximum lengths. */
export const TEXT_FIELDS = {
  title: 200, summary: 600, description: 20_000, discussion: 10_000, format: 10_000, audience: 4_000, accessNote: 4_000,
} as const;
export type TextField = keyof typeof TEXT_FIELDS;
export const TEXT_FIELD_NAMES = Object.keys(TEXT_FIELDS) as TextField[];

/** What the form shows and posts: every value as the text typed. */
export interface EventFormValues {
  slug: string;
  texts: Record<TextField, { de: string; en: string }>;
  venue: { de: string; en: string };
  date: string;
  start: string;
  end: string;
  timeZone: string;
  language: string;
  attendanceMode: string;
  confidential: boolean;
  registrationOpens: string;
  registrationCloses: string;
  capacity: string;
  contactEmail: string;
  /** One host per line: "Name | https://…" */
  hosts: string;
}

/** `contactEmail`: the organizer's address is suggested only if the form would accept it (not the first organizer's admin@localhost). */
export function emptyEventForm(contactEmail = ''): EventFormValues {
  const texts = Object.fromEntries(TEXT_FIELD_NAMES.map((name) => [name, { de: '', en: '' }])) as EventFormValues['texts'];
  return {
    slug: '', texts, venue: { de: '', en: '' }, date: '', start: '15:00', end: '17:00', timeZone: 'Europe/Berlin', language: 'de',
    attendanceMode: 'online', confidential: true, registrationOpens: '', registrationCloses: '', capacity: '', contactEmail: isEmailAddress(contactEmail) ? contactEmail : '', hosts: '',
  };
}

/** The form's values for an existing event (editing, or cloning with the dates left empty). */
export function eventFormValues(event: LabEvent, { keepDates = true } = {}): EventFormValues {
  const local = (date: Date | null) => (date ? localDateTime(date, event.timeZone) : '');
  const texts = Object.fromEntries(TEXT_FIELD_NAMES.map((name) => [name, { de: event[name].de ?? '', en: event[name].en ?? '' }])) as EventFormValues['texts'];
  const start = localDateTime(event.startsAt, event.timeZone);
  return {
    slug: event.slug, texts, venue: { de: event.venue?.de ?? '', en: event.venue?.en ?? '' },
    date: keepDates ? start.slice(0, 10) : '', start: start.slice(11), end: localDateTime(event.endsAt, event.timeZone).slice(11),
    timeZone: event.timeZone, language: event.language, attendanceMode: event.attendanceMode, confidential: event.confidential,
    registrationOpens: keepDates ? local(event.registrationOpensAt) : '', registrationCloses: keepDates ? local(event.registrationClosesAt) : '',
    capacity: event.capacity === null ? '' : String(event.capacity), contactEmail: event.contactEmail,
    hosts: event.hosts.map((h) => (h.url ? `${h.name} | ${h.url}` : h.name)).join('\n'),
  };
}

/** "2020-05-26T15:00" for an instant in a zone. */
export function localDateTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export function readEventForm(body: unknown): EventFormValues {
  const text = (name: string) => normalizeText(field(body, name)).trim();
  const texts = Object.fromEntries(TEXT_FIELD_NAMES.map((name) => [name, { de: text(`${name}_de`), en: text(`${name}_en`) }])) as EventFormValues['texts'];
  return {
    slug: text('slug').toLowerCase(), texts, venue: { de: text('venue_de'), en: text('venue_en') },
    date: text('date'), start: text('start'), end: text('end'), timeZone: text('time_zone') || 'Europe/Berlin',
    language: text('language'), attendanceMode: text('attendance_mode'), confidential: field(body, 'confidential') === 'yes',
    registrationOpens: text('registration_opens'), registrationCloses: text('registration_closes'),
    capacity: text('capacity'), contactEmail: text('contact_email'), hosts: text('hosts'),
  };
}

function localized(value: { de: string; en: string }): LocalizedText {
  const result: LocalizedText = {};
  if (value.de) result.de = value.de;
  if (value.en) result.en = value.en;
  return result;
}

/** Checks every field; returns the event to save, or the errors keyed by field name. */
export function validateEventForm(values: EventFormValues, t: Messages, options: { creating: boolean; status: LabEvent['status'] }): { event?: NewEvent; errors: FieldErrors } {
  const v = t.eventForm.errors;
  const errors: FieldErrors = {};
  const put = (name: string, message: string | null | undefined) => {
    if (message && !errors[name]) errors[name] = message;
  };

  if (options.creating) put('slug', values.slug === '' ? t.validation.required : SLUG_PATTERN.test(values.slug) ? null : v.slug);
  for (const name of TEXT_FIELD_NAMES) {
    for (const lang of ['de', 'en'] as const) {
      put(`${name}_${lang}`, checkText(values.texts[name][lang], t, { max: TEXT_FIELDS[name], required: name === 'title' && lang === 'de' }));
    }
  }
  for (const lang of ['de', 'en'] as const) put(`venue_${lang}`, checkText(values.venue[lang], t, { max: 300 }));
  const mode = MODES.find((m) => m === values.attendanceMode);
  put('attendance_mode', mode ? null : v.choose);
  if (mode && mode !== 'online' && !values.venue.de) put('venue_de', v.venueRequired);
  put('language', values.language === 'de' || values.language === 'en' ? null : v.choose);
  put('time_zone', isValidTimeZone(values.timeZone) && values.timeZone.length <= 64 ? null : v.timeZone);
  put('date', values.date === '' ? t.validation.required : DATE.test(values.date) && !Number.isNaN(Date.parse(values.date)) ? null : v.date);
  put('start', TIME.test(values.start) ? null : v.time);
  put('end', TIME.test(values.end) ? null : v.time);
  for (const [name, value] of [['registration_opens', values.registrationOpens], ['registration_closes', values.registrationCloses]] as const) {
    put(name, value === '' || DATE_TIME.test(value) ? null : v.dateTime);
  }
  let capacity: number | null = null;
  if (values.capacity !== '') {
    capacity = /^\d{1,6}$/.test(values.capacity) ? Number(values.capacity) : Number.NaN;
    put('capacity', Number.isInteger(capacity) && capacity >= 1 && capacity <= 100_000 ? null : v.capacity);
  }
  put('contact_email', values.contactEmail === '' ? t.validation.required : isEmailAddress(values.contactEmail) ? null : t.validation.invalidEmail);
  const hosts = parseHosts(values.hosts);
  put('hosts', checkText(values.hosts, t, { max: 4000 }) ?? (hosts ? null : v.hosts));

  if (Object.keys(errors).length > 0) return { errors };

  const zone = values.timeZone;
  const startsAt = zonedTimeToUtc(`${values.date}T${values.start}`, zone);
  const endsAt = zonedTimeToUtc(`${values.date}T${values.end}`, zone);
  if (endsAt <= startsAt) put('end', v.endBeforeStart);
  const opens = values.registrationOpens ? zonedTimeToUtc(values.registrationOpens, zone) : null;
  const closes = values.registrationCloses ? zonedTimeToUtc(values.registrationCloses, zone) : null;
  if (closes && closes > endsAt) put('registration_closes', v.closesAfterEnd);
  if (opens && closes && opens >= closes) put('registration_opens', v.opensAfterCloses);
  if (Object.keys(errors).length > 0) return { errors };

  return {
    errors,
    event: {
      slug: values.slug, status: options.status, startsAt, endsAt, timeZone: zone, language: values.language,
      attendanceMode: mode!, venue: mode === 'online' ? null : localized(values.venue), confidential: values.confidential,
      registrationOpensAt: opens, registrationClosesAt: closes, capacity, contactEmail: values.contactEmail.toLowerCase(),
      title: localized(values.texts.title), summary: localized(values.texts.summary), description: localized(values.texts.description),
      discussion: localized(values.texts.discussion), format: localized(values.texts.format), audience: localized(values.texts.audience),
      accessNote: localized(values.texts.accessNote), hosts: hosts!,
    },
  };
}

/** "CityLAB Berlin | https://citylab-berlin.org" per line; null when a line is malformed. */
export function parseHosts(source: string): EventHost[] | null {
  const hosts: EventHost[] = [];
  for (const line of source.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [name = '', url = '', ...rest] = line.split('|').map((part) => part.trim());
    if (rest.length > 0 || name === '' || name.length > 200) return null;
    if (url && !/^https?:\/\/[^\s<>"]+$/.test(url)) return null;
    hosts.push({ name, url: url || null });
  }
  return hosts.length <= 20 ? hosts : null;
}
