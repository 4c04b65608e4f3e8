import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const scheduleMigrations: Record<string, Migration> = {
  '0520-messaging-schedules': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('mail_schedules'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('template', 'varchar(50)', (c) => c.notNull())
        .addColumn('anchor', 'varchar(10)', (c) => c.notNull())
        .addColumn('offset_minutes', 'integer', (c) => c.notNull())
        .addColumn('statuses', 'varchar(200)', (c) => c.notNull())
        .addColumn('levels', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('sent_at', TIMESTAMP_TYPE)
        .addColumn('recipients', 'integer')
        .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('mail_schedules_event').on('mail_schedules').columns(['event_id', 'sent_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('mail_schedules').execute();
    },
  },
};
