// Team members for role tests: an app with a signed-in platform admin, and organizers with a role
// on one event (or none: strangers to it), signed in through their one-time link.
// (Reconstructed on 2026-11-28 after it was overwritten by mistake; same exports as before.)
import type { EventRole } from '../../src/modules/access/access.tables.js';
import { createTestApp, signIn, type TestApp } from './app.js';
import type { TestDialect } from './databases.js';
import { visitor, type Visitor } from './visitor.js';

/** A test app, its first admin signed in as a visitor, and the id of the event `slug`. */
export async function adminTestApp(dialect: TestDialect, slug: string): Promise<{ t: TestApp; admin: Visitor; eventId: number }> {
  const t = await createTestApp(dialect);
  const admin = visitor(t, await signIn(t, t.report.firstLoginLink!));
  const event = await t.services.events.findBySlug(slug);
  if (!event) throw new Error(`no event ${slug}`);
  return { t, admin, eventId: event.id };
}

/** A new organizer with `role` on the event (none: a stranger to it), signed in: the Cookie header and the id. */
export async function memberCookies(t: TestApp, eventId: number, role: EventRole | null, email: string): Promise<{ cookies: string; id: number }> {
  const { organizer, token } = await t.services.access.createOrganizer({ email, name: email.split('@')[0]!, isAdmin: false });
  if (role) await t.database.db.insertInto('event_team').values({ event_id: eventId, organizer_id: organizer.id, role, created_at: new Date().toISOString() }).execute();
  return { cookies: await signIn(t, `${t.config.baseUrl.origin}/admin/login/${token}`), id: organizer.id };
}

/** The same member as a browser-like visitor. */
export async function signedInMember(t: TestApp, eventId: number, role: EventRole | null, email: string): Promise<{ visitor: Visitor; id: number }> {
  const { cookies, id } = await memberCookies(t, eventId, role, email);
  return { visitor: visitor(t, cookies), id };
}
