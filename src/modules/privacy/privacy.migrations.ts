import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE } from '../../platform/db/columns.js';

export const privacyMigrations: Record<string, Migration> = {
  '1100-privacy': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('event_retention')
        .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('retention_days', 'integer')
        .addColumn('anonymised_at', TIMESTAMP_TYPE)
        .addColumn('counts', 'text')
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('event_retention').execute();
    },
  },
};
