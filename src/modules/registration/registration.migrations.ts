import { type Kysely, type Migration, sql } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const registrationMigrations: Record<string, Migration> = {
  '0600-registration': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('registrations'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('email', 'varchar(320)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('organisation', 'varchar(200)', (c) => c.notNull())
        .addColumn('level', 'varchar(20)', (c) => c.notNull())
        .addColumn('land', 'varchar(2)')
        .addColumn('role', 'varchar(200)')
        .addColumn('locale', 'varchar(5)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('holds_seat', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('privacy_consent_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('source', 'varchar(10)', (c) => c.notNull())
        .addColumn('confirm_by', TIMESTAMP_TYPE)
        .addColumn('confirmed_at', TIMESTAMP_TYPE)
        .addColumn('admitted_at', TIMESTAMP_TYPE)
        .addColumn('waitlisted_at', TIMESTAMP_TYPE)
        .addColumn('offer_expires_at', TIMESTAMP_TYPE)
        .addColumn('cancelled_at', TIMESTAMP_TYPE)
        .addColumn('rejected_at', TIMESTAMP_TYPE)
        .addColumn('reject_reason', 'varchar(1000)')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addCheckConstraint('registrations_status_check', sql`status in ('unconfirmed', 'pending', 'admitted', 'waitlisted', 'offered', 'rejected', 'cancelled', 'expired')`)
        .addCheckConstraint('registrations_level_check', sql`level in ('bund', 'land', 'kommune', 'wissenschaft', 'zivilgesellschaft', 'sonstige')`)
        .addCheckConstraint('registrations_seat_check', sql`holds_seat = 0 or status in ('unconfirmed', 'admitted', 'offered')`)
        .execute();
      // One active registration per address and event; cancelled or expired ones may register again.
      await db.schema
        .createIndex('registrations_one_per_email')
        .on('registrations')
        .columns(['event_id', 'email'])
        .unique()
        .where(sql.ref('status'), 'not in', ['cancelled', 'expired'])
        .execute();
      await db.schema.createIndex('registrations_event_status').on('registrations').columns(['event_id', 'status']).execute();

      await withId(db, db.schema.createTable('registration_tokens'))
        .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('revoked_at', TIMESTAMP_TYPE)
        .execute();

      await db.schema
        .createTable('registration_policies')
        .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('admission_mode', 'varchar(20)', (c) => c.notNull().defaultTo('automatic'))
        .addColumn('confirm_hours', 'integer', (c) => c.notNull().defaultTo(48))
        .addColumn('offer_hours', 'integer', (c) => c.notNull().defaultTo(48))
        .addCheckConstraint('registration_policies_mode_check', sql`admission_mode in ('automatic', 'approval')`)
        .execute();

      await withId(db, db.schema.createTable('registration_questions'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('help', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
        .addCheckConstraint('registration_questions_kind_check', sql`kind in ('short_text', 'long_text', 'single_choice', 'multiple_choice', 'yes_no')`)
        .execute();

      await db.schema
        .createTable('registration_answers')
        .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
        .addColumn('question_id', 'integer', (c) => c.notNull().references('registration_questions.id').onDelete('cascade'))
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('registration_answers_pk', ['registration_id', 'question_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('registration_answers').execute();
      await db.schema.dropTable('registration_questions').execute();
      await db.schema.dropTable('registration_policies').execute();
      await db.schema.dropTable('registration_tokens').execute();
      await db.schema.dropTable('registrations').execute();
    },
  },
  // Uploaded CSV files between preview and confirmation: the confirmation re-reads them here
  // instead of trusting anything the browser sends back (ADR 0015).
  '0610-registration-imports': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('registration_imports'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('organizer_id', 'integer', (c) => c.references('organizers.id').onDelete('set null'))
        .addColumn('format', 'varchar(20)', (c) => c.notNull())
        .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('content_sha256', 'varchar(64)', (c) => c.notNull())
        .addColumn('summary', 'text')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('applied_at', TIMESTAMP_TYPE)
        .addCheckConstraint('registration_imports_format_check', sql`format in ('labcamp', 'eventbrite')`)
        .execute();
      await db.schema.createIndex('registration_imports_event').on('registration_imports').columns(['event_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('registration_imports').execute();
    },
  },
  '0620-registrations-seats': {
    // Counting the seats taken (every registration while an event is full or people wait) read
    // all of the event's registrations through (event_id, status): 4.6 ms with 50,000 on one event.
    // With this index the count reads only the index entries of the seats (bench/RESULTS.md).
    async up(db: Kysely<any>) {
      await db.schema.createIndex('registrations_event_seat').on('registrations').columns(['event_id', 'holds_seat']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('registrations_event_seat').execute();
    },
  },
};
