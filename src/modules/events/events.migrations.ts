import { type Kysely, type Migration, sql } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const eventsMigrations: Record<string, Migration> = {
  '0100-events': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('events'))
        .addColumn('slug', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('draft'))
        .addColumn('starts_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('ends_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('time_zone', 'varchar(64)', (c) => c.notNull().defaultTo('Europe/Berlin'))
        .addColumn('language', 'varchar(10)', (c) => c.notNull().defaultTo('de'))
        .addColumn('attendance_mode', 'varchar(20)', (c) => c.notNull().defaultTo('online'))
        .addColumn('venue', 'text')
        .addColumn('confidential', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('registration_opens_at', TIMESTAMP_TYPE)
        .addColumn('registration_closes_at', TIMESTAMP_TYPE)
        .addColumn('capacity', 'integer')
        .addColumn('contact_email', 'varchar(320)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('discussion', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('audience', 'text', (c) => c.notNull())
        .addColumn('access_note', 'text', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addCheckConstraint('events_status_check', sql`status in ('draft', 'published', 'cancelled')`)
        .addCheckConstraint('events_attendance_mode_check', sql`attendance_mode in ('online', 'venue', 'hybrid')`)
        .addCheckConstraint('events_time_order_check', sql`ends_at > starts_at`)
        .execute();
      await db.schema.createIndex('events_starts_at').on('events').column('starts_at').execute();

      await withId(db, db.schema.createTable('event_hosts'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('url', 'varchar(500)')
        .execute();
      await db.schema.createIndex('event_hosts_event').on('event_hosts').columns(['event_id', 'position']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('event_hosts').execute();
      await db.schema.dropTable('events').execute();
    },
  },
  // Calendar clients replace an invitation only when its SEQUENCE is higher (RFC 5546).
  '0110-events-ical-sequence': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('events').addColumn('ical_sequence', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('events').dropColumn('ical_sequence').execute();
    },
  },
};
