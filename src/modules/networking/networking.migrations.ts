import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const networkingMigrations: Record<string, Migration> = {
  '0900-networking': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('networking_rounds'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('group_size', 'integer', (c) => c.notNull())
        .addColumn('duration_minutes', 'integer', (c) => c.notNull())
        .addColumn('prompt', 'varchar(1000)', (c) => c.notNull())
        .addColumn('message', 'varchar(500)')
        .addColumn('message_at', TIMESTAMP_TYPE)
        .addColumn('started_at', TIMESTAMP_TYPE)
        .addColumn('ends_at', TIMESTAMP_TYPE)
        .addColumn('ended_at', TIMESTAMP_TYPE)
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addUniqueConstraint('networking_rounds_number', ['event_id', 'number'])
        .execute();
      await withId(db, db.schema.createTable('networking_groups'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('round_id', 'integer', (c) => c.notNull().references('networking_rounds.id').onDelete('cascade'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('video_key', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addUniqueConstraint('networking_groups_number', ['round_id', 'number'])
        .execute();
      await db.schema
        .createTable('networking_members')
        .addColumn('round_id', 'integer', (c) => c.notNull().references('networking_rounds.id').onDelete('cascade'))
        .addColumn('group_id', 'integer', (c) => c.notNull().references('networking_groups.id').onDelete('cascade'))
        .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
        .addColumn('placed_by', 'varchar(10)', (c) => c.notNull())
        .addPrimaryKeyConstraint('networking_members_pk', ['round_id', 'registration_id'])
        .execute();
      await db.schema.createIndex('networking_members_group').on('networking_members').column('group_id').execute();
      await db.schema
        .createTable('networking_absences')
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id').onDelete('cascade'))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addPrimaryKeyConstraint('networking_absences_pk', ['event_id', 'registration_id'])
        .execute();
      await withId(db, db.schema.createTable('board_items'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('group_id', 'integer', (c) => c.notNull().references('networking_groups.id').onDelete('cascade'))
        .addColumn('section', 'varchar(20)', (c) => c.notNull())
        .addColumn('text', 'varchar(2000)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('author_key', 'varchar(20)', (c) => c.notNull())
        .addColumn('in_report', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('board_items_group').on('board_items').columns(['group_id', 'id']).execute();
      await db.schema
        .createTable('outcome_reports')
        .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('visibility', 'varchar(12)', (c) => c.notNull())
        .addColumn('summary', 'varchar(4000)', (c) => c.notNull())
        .addColumn('published_at', TIMESTAMP_TYPE)
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['outcome_reports', 'board_items', 'networking_absences', 'networking_members', 'networking_groups', 'networking_rounds']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
  // Thematic rounds: a round takes its topics from a choice question of the registration form
  // (its options), each person's topics from their answer; each group has the topic it meets on.
  '0901-networking-themes': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('networking_rounds')
        .addColumn('theme_question_id', 'integer', (c) => c.references('registration_questions.id').onDelete('set null'))
        .execute();
      await db.schema.alterTable('networking_groups').addColumn('topic', 'varchar(200)').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('networking_groups').dropColumn('topic').execute();
      await db.schema.alterTable('networking_rounds').dropColumn('theme_question_id').execute();
    },
  },
};
