import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const messagingMigrations: Record<string, Migration> = {
  '0500-messaging-outbox': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('outbox'))
        .addColumn('idempotency_key', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('event_id', 'integer')
        .addColumn('registration_id', 'integer')
        .addColumn('template', 'varchar(50)', (c) => c.notNull())
        .addColumn('locale', 'varchar(5)', (c) => c.notNull())
        .addColumn('to_address', 'varchar(320)', (c) => c.notNull())
        .addColumn('to_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('subject', 'varchar(500)', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        .addColumn('calendar', 'text')
        .addColumn('status', 'varchar(10)', (c) => c.notNull().defaultTo('queued'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('locked_until', TIMESTAMP_TYPE)
        .addColumn('last_error', 'text')
        .addColumn('transport', 'varchar(20)')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('sent_at', TIMESTAMP_TYPE)
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('outbox_registration').on('outbox').column('registration_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('outbox').execute();
    },
  },
  '0510-messaging-templates': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('mail_templates'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('template', 'varchar(50)', (c) => c.notNull())
        .addColumn('locale', 'varchar(5)', (c) => c.notNull())
        .addColumn('subject', 'varchar(500)', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'integer')
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addUniqueConstraint('mail_templates_event_template_locale', ['event_id', 'template', 'locale'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('mail_templates').execute();
    },
  },
};
