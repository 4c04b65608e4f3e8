import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const broadcastMigrations: Record<string, Migration> = {
  '0530-messaging-broadcasts': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('broadcasts'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('subject', 'varchar(200)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('statuses', 'varchar(200)', (c) => c.notNull())
        .addColumn('levels', 'varchar(200)', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('recipients', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('broadcasts_event').on('broadcasts').column('event_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('broadcasts').execute();
    },
  },
  // Drafts, the test mail of the current text and who sent what when (ADR 22).
  '0531-messaging-broadcast-drafts': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('broadcasts').addColumn('locale', 'varchar(5)', (c) => c.notNull().defaultTo('de')).execute();
      await db.schema.alterTable('broadcasts').addColumn('state', 'varchar(10)', (c) => c.notNull().defaultTo('draft')).execute();
      await db.schema.alterTable('broadcasts').addColumn('tested_digest', 'varchar(64)').execute();
      await db.schema.alterTable('broadcasts').addColumn('tested_at', TIMESTAMP_TYPE).execute();
      await db.schema.alterTable('broadcasts').addColumn('sent_at', TIMESTAMP_TYPE).execute();
      await db.schema.alterTable('broadcasts').addColumn('sent_by', 'integer').execute();
    },
    async down(db: Kysely<any>) {
      for (const column of ['sent_by', 'sent_at', 'tested_at', 'tested_digest', 'state', 'locale']) {
        await db.schema.alterTable('broadcasts').dropColumn(column).execute();
      }
    },
  },
};
