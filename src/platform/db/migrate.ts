// Migrations of every module, applied in name order on either dialect.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { auditMigrations } from '../audit/audit.migrations.js';
import { eventsMigrations } from '../../modules/events/events.migrations.js';
import { programMigrations } from '../../modules/program/program.migrations.js';
import { accessMigrations } from '../../modules/access/access.migrations.js';
import { siteMigrations } from '../../modules/site/site.migrations.js';
import { messagingMigrations } from '../../modules/messaging/messaging.migrations.js';
import { registrationMigrations } from '../../modules/registration/registration.migrations.js';

export const allMigrations: Record<string, Migration> = {
  ...auditMigrations,
  ...eventsMigrations,
  ...programMigrations,
  ...accessMigrations,
  ...siteMigrations,
  ...messagingMigrations,
  ...registrationMigrations,
};

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => allMigrations },
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
