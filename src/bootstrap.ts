// What happens before the server listens: schema, default pages, demo data, first organizer.
// Shared by `npm start` and the CLI so both leave the database in the same state.
import type { Config } from './config.js';
import { absoluteUrl } from './config.js';
import type { Database } from './platform/db/database.js';
import type { Clock } from './platform/clock.js';
import { migrateToLatest } from './platform/db/migrate.js';
import type { Services } from './app.js';
import { seedDemo } from './seed/demo-seed.js';
import { seedCommunity } from './seed/community-seed.js';

export interface BootstrapReport {
  migrations: string[];
  seeded: string[];
  /** The one-time login link for the first organizer, when this start created it. */
  firstLoginLink: string | null;
}

export const FIRST_ORGANIZER = { email: 'admin@localhost', name: 'Admin' };

export async function bootstrap(config: Config, database: Database, clock: Clock, services: Services): Promise<BootstrapReport> {
  const migrated = await migrateToLatest(database.db);
  await services.site.ensureDefaults();

  let seeded: string[] = [];
  const empty = (await services.events.count()) === 0;
  if (config.seedDemo === 'always' || (config.seedDemo === 'auto' && empty)) {
    seeded = await seedDemo({ db: database.db, clock, events: services.events, program: services.program, registration: services.registration, mailSchedules: services.mailSchedules });
    seeded.push(...await seedCommunity(services));
  }

  let firstLoginLink: string | null = null;
  if ((await services.access.countOrganizers()) === 0) {
    const { token } = await services.access.createOrganizer({ ...FIRST_ORGANIZER, isAdmin: true });
    firstLoginLink = absoluteUrl(config, `/admin/login/${token}`);
  }

  return { migrations: (migrated.results ?? []).map((r) => r.migrationName), seeded, firstLoginLink };
}
