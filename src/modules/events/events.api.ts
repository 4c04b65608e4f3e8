// /api/v1/events: the events the token's organizer may read, and one event in detail.
import type { FastifyPluginAsync } from 'fastify';
import type { ApiOptions } from '../api/api.routes.js';
import { eventForOrganizer, eventIdsOf, roleOn } from '../access/access.policy.js';
import type { LabEvent } from './events.types.js';

export function eventSummaryJson(event: LabEvent, role: string | null) {
  return {
    slug: event.slug,
    status: event.status,
    title: event.title,
    starts_at: event.startsAt.toISOString(),
    ends_at: event.endsAt.toISOString(),
    time_zone: event.timeZone,
    language: event.language,
    attendance_mode: event.attendanceMode,
    capacity: event.capacity,
    role,
  };
}

export const eventsApi: FastifyPluginAsync<ApiOptions> = async (app, { services, database, route }) => {
  const policy = { db: database.db, findBySlug: services.events.findBySlug };

  app.get('/events', route, async (request) => {
    const organizer = request.organizer!;
    const [events, ids] = await Promise.all([services.events.listAll(), eventIdsOf(database.db, organizer)]);
    const readable = ids === null ? events : events.filter((e) => ids.includes(e.id));
    const data = await Promise.all(readable.map(async (e) => eventSummaryJson(e, await roleOn(database.db, organizer, e.id))));
    return { data };
  });

  app.get<{ Params: { slug: string } }>('/events/:slug', route, async (request) => {
    const { event, role } = await eventForOrganizer(policy, request.organizer!, request.params.slug, 'registrations.read');
    const [program, policyOfEvent, questions, seatsTaken, counts] = await Promise.all([
      services.program.forEvent(event.id), services.registration.policy(event.id), services.registration.questions(event.id),
      services.registration.seatsTaken(event.id), services.registration.counts(event.id),
    ]);
    const person = (p: { id: number; name: string; organisation: string | null; bio: unknown }) => ({ id: p.id, name: p.name, organisation: p.organisation, bio: p.bio });
    return {
      ...eventSummaryJson(event, role),
      summary: event.summary,
      venue: event.venue,
      confidential: event.confidential,
      contact_email: event.contactEmail,
      hosts: event.hosts,
      registration: {
        state: services.events.registrationWindow(event).state,
        opens_at: event.registrationOpensAt?.toISOString() ?? null,
        closes_at: event.registrationClosesAt?.toISOString() ?? null,
        admission_mode: policyOfEvent.admissionMode,
      },
      seats_taken: seatsTaken,
      counts,
      moderators: program.moderators.map(person),
      speakers: program.speakers.map(person),
      agenda: program.agenda.map((item) => ({
        id: item.id, kind: item.kind, title: item.title, starts_at: item.startsAt?.toISOString() ?? null,
        duration_minutes: item.durationMinutes, people: item.personIds,
      })),
      questions: questions.map((q) => ({ id: q.id, kind: q.kind, label: q.label, help: q.help, required: q.required, options: q.options })),
    };
  });
};
