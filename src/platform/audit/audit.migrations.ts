import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../db/columns.js';

export const auditMigrations: Record<string, Migration> = {
  '0001-platform-audit-log': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('audit_log'))
        .addColumn('at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('actor_id', 'integer')
        .addColumn('actor_label', 'varchar(200)', (c) => c.notNull())
        .addColumn('action', 'varchar(100)', (c) => c.notNull())
        .addColumn('subject_type', 'varchar(50)', (c) => c.notNull())
        .addColumn('subject_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('event_id', 'integer')
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .execute();
      await db.schema.createIndex('audit_log_event_at').on('audit_log').columns(['event_id', 'at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('audit_log').execute();
    },
  },
};
