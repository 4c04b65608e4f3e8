import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const qaMigrations: Record<string, Migration> = {
  '0800-qa': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('qa_settings')
        .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('allow_anonymous', 'integer', (c) => c.notNull())
        .addColumn('premoderation', 'integer', (c) => c.notNull())
        .addColumn('word_filter', 'text', (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('questions'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('agenda_item_id', 'integer')
        .addColumn('registration_id', 'integer')
        .addColumn('organizer_id', 'integer')
        .addColumn('author_name', 'varchar(200)')
        .addColumn('text', 'varchar(500)', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) => c.notNull())
        .addColumn('held_for', 'varchar(20)')
        .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('answered_at', TIMESTAMP_TYPE)
        .addColumn('highlighted_at', TIMESTAMP_TYPE)
        .addColumn('reply', 'varchar(1000)')
        .addColumn('edited_at', TIMESTAMP_TYPE)
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('questions_event').on('questions').columns(['event_id', 'created_at']).execute();
      await db.schema
        .createTable('question_votes')
        .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id').onDelete('cascade'))
        .addColumn('voter', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addPrimaryKeyConstraint('question_votes_pk', ['question_id', 'voter'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('question_votes').execute();
      await db.schema.dropTable('questions').execute();
      await db.schema.dropTable('qa_settings').execute();
    },
  },
};
