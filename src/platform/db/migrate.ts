// Migrations of every module, applied in name order on either dialect.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { auditMigrations } from '../audit/audit.migrations.js';
import { eventsMigrations } from '../../modules/events/events.migrations.js';
import { programMigrations } from '../../modules/program/program.migrations.js';
import { accessMigrations } from '../../modules/access/access.migrations.js';
import { siteMigrations } from '../../modules/site/site.migrations.js';
import { messagingMigrations } from '../../modules/messaging/messaging.migrations.js';
import { scheduleMigrations } from '../../modules/messaging/schedules.migrations.js';
import { broadcastMigrations } from '../../modules/messaging/broadcasts.migrations.js';
import { registrationMigrations } from '../../modules/registration/registration.migrations.js';
import { liveMigrations } from '../../modules/live/live.migrations.js';
import { qaMigrations } from '../../modules/qa/qa.migrations.js';
import { networkingMigrations } from '../../modules/networking/networking.migrations.js';
import { communityMigrations } from '../../modules/community/community.migrations.js';
import { privacyMigrations } from '../../modules/privacy/privacy.migrations.js';

export const allMigrations: Record<string, Migration> = {
  ...auditMigrations,
  ...eventsMigrations,
  ...programMigrations,
  ...accessMigrations,
  ...siteMigrations,
  ...messagingMigrations,
  ...scheduleMigrations,
  ...broadcastMigrations,
  ...registrationMigrations,
  ...liveMigrations,
  ...qaMigrations,
  ...networkingMigrations,
  ...communityMigrations,
  ...privacyMigrations,
};

/**
 * Each module numbers its migrations in its own range (events 01xx, access 03xx, registration
 * 06xx…), so a module's new migration can sort before migrations of other modules that a
 * database already has. Kysely then applies the missing ones in name order instead of refusing
 * (allowUnorderedMigrations). The rule that keeps this safe: a migration depends only on
 * migrations of its own module and on earlier ranges.
 */
export function migrator(db: Kysely<any>, migrations: Record<string, Migration> = allMigrations): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
}

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: result.error });
  }
  return result;
}
