// Machine-readable forms of an event: schema.org JSON-LD and an iCalendar file.
import type { Locale } from '../../platform/i18n/index.js';
import { markdownToText } from '../../platform/html/markdown.js';
import { isoWithOffset } from '../../platform/time.js';
import { serializeCalendar } from '../../platform/ical.js';
import type { Program } from '../program/program.types.js';
import type { LabEvent, RegistrationWindow } from './events.types.js';
import { text } from './events.present.js';

const SCHEMA_STATUS: Record<LabEvent['status'], string> = {
  draft: 'https://schema.org/EventScheduled',
  published: 'https://schema.org/EventScheduled',
  cancelled: 'https://schema.org/EventCancelled',
};

const SCHEMA_MODE: Record<LabEvent['attendanceMode'], string> = {
  online: 'https://schema.org/OnlineEventAttendanceMode',
  venue: 'https://schema.org/OfflineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

export function eventJsonLd(event: LabEvent, program: Program, window: RegistrationWindow, url: string, locale: Locale): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: text(event, 'title', locale).text,
    description: text(event, 'summary', locale).text,
    startDate: isoWithOffset(event.startsAt, event.timeZone),
    endDate: isoWithOffset(event.endsAt, event.timeZone),
    eventStatus: SCHEMA_STATUS[event.status],
    eventAttendanceMode: SCHEMA_MODE[event.attendanceMode],
    // The access link is confidential: the public location is the event page itself.
    location: { '@type': 'VirtualLocation', url },
    inLanguage: event.language,
    url,
    isAccessibleForFree: true,
    organizer: event.hosts.map((h) => ({ '@type': 'Organization', name: h.name, ...(h.url ? { url: h.url } : {}) })),
    performer: program.speakers.map((p) => ({ '@type': 'Person', name: p.name })),
    ...(event.registrationClosesAt
      ? {
          offers: {
            '@type': 'Offer', price: 0, priceCurrency: 'EUR', url,
            availability: window.state === 'open' ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
            validThrough: isoWithOffset(event.registrationClosesAt, event.timeZone),
          },
        }
      : {}),
  };
}

/**
 * The event as iCalendar: published (the .ics download), or as an invitation to one registered
 * person (REQUEST; CANCEL when the event is cancelled). Download and invitations share UID and
 * SEQUENCE, so a calendar that has either replaces it on a change.
 */
export function eventCalendar(event: LabEvent, url: string, host: string, locale: Locale, now: Date, invitee?: { name: string; email: string; cancelled?: boolean }): string {
  const summary = text(event, 'summary', locale).text;
  const access = text(event, 'accessNote', locale).text;
  const cancelled = event.status === 'cancelled' || invitee?.cancelled === true;
  const method = !invitee ? 'PUBLISH' : cancelled ? 'CANCEL' : 'REQUEST';
  return serializeCalendar({
    prodId: '-//LabCamp//LabCamp//DE',
    method,
    events: [
      {
        uid: `event-${event.id}@${host}`,
        sequence: event.icalSequence,
        // An invitation needs an organizer (RFC 5546): the event's contact address.
        organizer: invitee ? { name: text(event, 'title', locale).text, email: event.contactEmail } : undefined,
        attendee: invitee ? { name: invitee.name, email: invitee.email } : undefined,
        stamp: now,
        start: event.startsAt,
        end: event.endsAt,
        timeZone: event.timeZone,
        summary: text(event, 'title', locale).text,
        description: [summary, markdownToText(access), url].filter(Boolean).join('\n\n'),
        location: event.attendanceMode === 'venue' ? (event.venue?.[locale] ?? event.venue?.de ?? '') : 'Online',
        url,
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
      },
    ],
  });
}
