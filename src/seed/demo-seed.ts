// Loads the demo events from seed/demo-events.json through the modules' services.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../platform/db/database.js';
import type { Clock } from '../platform/clock.js';
import { SYSTEM_ACTOR } from '../platform/audit/audit.js';
import { type LocalizedText, LOCALES } from '../platform/i18n/index.js';
import { isValidTimeZone, zonedTimeToUtc } from '../platform/time.js';
import { formatLocal } from '../platform/ical.js';
import { seedDir } from '../platform/paths.js';
import type { EventsService } from '../modules/events/events.service.js';
import type { ProgramService } from '../modules/program/program.service.js';
import type { NewEvent } from '../modules/events/events.types.js';
import type { NewProgram } from '../modules/program/program.types.js';
import type { RegistrationService } from '../modules/registration/registration.service.js';
import type { MailSchedules, NewSchedule } from '../modules/messaging/schedules.service.js';
import { DEFAULT_POLICY, type Policy, type Question } from '../modules/registration/registration.types.js';

export const DEMO_FILE = path.join(seedDir, 'demo-events.json');

type TimeSpec = string | { inDays: number; weekday?: number; time: string };

/** A wall-clock time in `timeZone`: absolute, or relative to the day of seeding. */
export function resolveTime(spec: TimeSpec, timeZone: string, now: Date): Date {
  if (typeof spec === 'string') return zonedTimeToUtc(spec, timeZone);
  const today = formatLocal(now, timeZone).slice(0, 8); // YYYYMMDD in the event's zone
  const day = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(4, 6)) - 1, Number(today.slice(6, 8)) + spec.inDays));
  if (spec.weekday !== undefined) day.setUTCDate(day.getUTCDate() + ((spec.weekday - day.getUTCDay() + 7) % 7));
  return zonedTimeToUtc(`${day.toISOString().slice(0, 10)}T${spec.time}`, timeZone);
}

interface DemoEvent {
  slug: string;
  status: NewEvent['status'];
  timeZone: string;
  start: TimeSpec;
  end: TimeSpec;
  language: string;
  attendanceMode: NewEvent['attendanceMode'];
  confidential: boolean;
  registrationOpens: TimeSpec | null;
  registrationCloses: TimeSpec | null;
  capacity: number | null;
  contactEmail: string;
  hosts: Array<{ name: string; url?: string }>;
  title: LocalizedText;
  summary: LocalizedText;
  description: LocalizedText;
  discussion: LocalizedText;
  format: LocalizedText;
  audience: LocalizedText;
  accessNote: LocalizedText;
  people: Array<{ key: string; role: 'speaker' | 'moderator'; name: string; organisation?: string; bio: LocalizedText }>;
  agenda: Array<{ kind: NewProgram['agenda'][number]['kind']; title: LocalizedText; people: string[] }>;
  registration?: { policy?: Partial<Policy>; questions?: Array<Omit<Question, 'id' | 'help'> & { help?: LocalizedText }> };
  /** Mails relative to the event: access link, reminder, thanks. */
  mailSchedules?: NewSchedule[];
}

export function readDemoFile(file = DEMO_FILE): DemoEvent[] {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { events?: DemoEvent[] };
  if (!Array.isArray(data.events)) throw new Error(`${file}: expected an "events" array.`);
  for (const event of data.events) {
    if (!/^[a-z0-9-]+$/.test(event.slug)) throw new Error(`${file}: bad slug "${event.slug}".`);
    if (!isValidTimeZone(event.timeZone)) throw new Error(`${file}: ${event.slug} has unknown time zone "${event.timeZone}".`);
    if (!event.title?.de) throw new Error(`${file}: ${event.slug} needs a German title.`);
    for (const text of [event.title, event.summary, event.description]) {
      for (const key of Object.keys(text)) if (!(LOCALES as readonly string[]).includes(key)) throw new Error(`${file}: ${event.slug} has text in unknown language "${key}".`);
    }
  }
  return data.events;
}

export function toNewEvent(demo: DemoEvent, now: Date): { event: NewEvent; program: NewProgram } {
  const at = (spec: TimeSpec | null) => (spec === null ? null : resolveTime(spec, demo.timeZone, now));
  return {
    event: {
      slug: demo.slug,
      status: demo.status,
      startsAt: at(demo.start)!,
      endsAt: at(demo.end)!,
      timeZone: demo.timeZone,
      language: demo.language,
      attendanceMode: demo.attendanceMode,
      venue: null,
      confidential: demo.confidential,
      registrationOpensAt: at(demo.registrationOpens),
      registrationClosesAt: at(demo.registrationCloses),
      capacity: demo.capacity,
      contactEmail: demo.contactEmail,
      title: demo.title,
      summary: demo.summary,
      description: demo.description,
      discussion: demo.discussion,
      format: demo.format,
      audience: demo.audience,
      accessNote: demo.accessNote,
      hosts: demo.hosts.map((h) => ({ name: h.name, url: h.url ?? null })),
    },
    program: {
      people: demo.people.map((p) => ({ key: p.key, role: p.role, name: p.name, organisation: p.organisation ?? null, bio: p.bio })),
      agenda: demo.agenda.map((a) => ({ kind: a.kind, title: a.title, startsAt: null, durationMinutes: null, people: a.people })),
    },
  };
}

/** Inserts every demo event whose slug is not taken yet; returns the slugs it created. */
export async function seedDemo(deps: { db: Db; clock: Clock; events: EventsService; program: ProgramService; registration: RegistrationService; mailSchedules: MailSchedules }): Promise<string[]> {
  const created: string[] = [];
  for (const demo of readDemoFile()) {
    if (await deps.events.findBySlug(demo.slug)) continue;
    const { event, program } = toNewEvent(demo, deps.clock.now());
    await deps.db.transaction().execute(async (trx) => {
      const id = await deps.events.createEvent(event, SYSTEM_ACTOR, trx);
      await deps.program.setUp(id, program, trx);
      await deps.registration.configure(id, {
        policy: { ...DEFAULT_POLICY, ...demo.registration?.policy },
        questions: (demo.registration?.questions ?? []).map((q) => ({ ...q, help: q.help ?? {}, options: q.options ?? [] })),
      }, trx);
      for (const schedule of demo.mailSchedules ?? []) await deps.mailSchedules.add({ id }, schedule, SYSTEM_ACTOR, trx);
    });
    created.push(demo.slug);
  }
  return created;
}
