import { type Kysely, type Migration, sql } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const programMigrations: Record<string, Migration> = {
  '0200-program': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('program_people'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('organisation', 'varchar(200)')
        .addColumn('bio', 'text', (c) => c.notNull())
        .addCheckConstraint('program_people_role_check', sql`role in ('speaker', 'moderator')`)
        .execute();
      await db.schema.createIndex('program_people_event').on('program_people').columns(['event_id', 'position']).execute();

      await withId(db, db.schema.createTable('agenda_items'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('kind', 'varchar(20)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_at', TIMESTAMP_TYPE)
        .addColumn('duration_minutes', 'integer')
        .addCheckConstraint('agenda_items_kind_check', sql`kind in ('welcome', 'talk', 'qa', 'networking', 'break', 'closing', 'other')`)
        .execute();
      await db.schema.createIndex('agenda_items_event').on('agenda_items').columns(['event_id', 'position']).execute();

      await db.schema
        .createTable('agenda_item_people')
        .addColumn('agenda_item_id', 'integer', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
        .addColumn('person_id', 'integer', (c) => c.notNull().references('program_people.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('agenda_item_people_pk', ['agenda_item_id', 'person_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('agenda_item_people').execute();
      await db.schema.dropTable('agenda_items').execute();
      await db.schema.dropTable('program_people').execute();
    },
  },
};
