// iCalendar (RFC 5545) written by hand: small, and exact about the parts libraries get wrong
// (local times with TZID, UTC DTSTAMP, CRLF, folding at 75 octets). VTIMEZONE definitions come
// from @touch4it/ical-timezones (data generated from the IANA database).
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { formatter } from './time.js';

export interface CalendarEvent {
  uid: string;
  /** Raised on every change so clients replace their copy (used by invitations in #4). */
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  timeZone: string;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  organizer?: { name: string; email: string } | undefined;
  /** The invited person (METHOD:REQUEST/CANCEL), already accepted: no answer is asked for. */
  attendee?: { name: string; email: string } | undefined;
}

export interface Calendar {
  prodId: string;
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  name?: string | undefined;
  events: CalendarEvent[];
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Content lines longer than 75 octets continue on the next line after CRLF and a space. */
export function foldLine(line: string): string {
  const chunks: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = chunks.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      chunks.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatUtc(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** Wall-clock time in a zone, e.g. 20200526T150000 for 13:00 UTC in Europe/Berlin. */
export function formatLocal(date: Date, timeZone: string): string {
  const parts = formatter('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}T${get('hour')}${get('minute')}${get('second')}`;
}

function vtimezone(timeZone: string): string[] {
  const block = getVtimezoneComponent(timeZone);
  if (!block) return [];
  // TZURL points at a third-party host; it is optional, so we leave it out.
  return block.split(/\r?\n/).filter((line) => line !== '' && !line.startsWith('TZURL'));
}

export function serializeCalendar(calendar: Calendar): string {
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${calendar.prodId}`, 'CALSCALE:GREGORIAN'];
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  const zones = [...new Set(calendar.events.map((e) => e.timeZone))];
  const zonesWithDefinition = new Set<string>();
  for (const zone of zones) {
    const block = vtimezone(zone);
    if (block.length > 0) {
      lines.push(...block);
      zonesWithDefinition.add(zone);
    }
  }
  for (const event of calendar.events) {
    const time = (name: string, date: Date) =>
      zonesWithDefinition.has(event.timeZone) ? `${name};TZID=${event.timeZone}:${formatLocal(date, event.timeZone)}` : `${name}:${formatUtc(date)}`;
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `SEQUENCE:${event.sequence}`, `DTSTAMP:${formatUtc(event.stamp)}`);
    lines.push(time('DTSTART', event.start), time('DTEND', event.end));
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    if (event.organizer) lines.push(`ORGANIZER;CN=${quoteParam(event.organizer.name)}:mailto:${event.organizer.email}`);
    if (event.attendee) lines.push(`ATTENDEE;CN=${quoteParam(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:${event.attendee.email}`);
    lines.push(`STATUS:${event.status ?? 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Parameter values with : ; , must be quoted; quotes themselves are not allowed. */
function quoteParam(value: string): string {
  const clean = value.replace(/"/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}
