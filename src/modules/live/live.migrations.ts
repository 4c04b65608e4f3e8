import type { Kysely, Migration } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const liveMigrations: Record<string, Migration> = {
  '0700-live-rooms': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('live_rooms')
        .addColumn('event_id', 'integer', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
        .addColumn('video_url', 'varchar(2000)')
        .addColumn('opens_minutes_before', 'integer', (c) => c.notNull().defaultTo(15))
        .addColumn('opened_at', TIMESTAMP_TYPE)
        .addColumn('closed_at', TIMESTAMP_TYPE)
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('live_sessions')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('event_id', 'integer', (c) => c.notNull())
        .addColumn('registration_id', 'integer', (c) => c.notNull())
        .addColumn('registration_token_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('live_sessions_expires_at').on('live_sessions').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('live_sessions').execute();
      await db.schema.dropTable('live_rooms').execute();
    },
  },
  // #5: video providers. Existing rooms keep their link ('link'); secrets stay in the environment.
  '0710-live-video-providers': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('live_rooms').addColumn('video_provider', 'varchar(10)', (c) => c.notNull().defaultTo('link')).execute();
      await db.schema.alterTable('live_rooms').addColumn('jitsi_domain', 'varchar(260)').execute();
      await db.schema.alterTable('live_rooms').addColumn('jitsi_room', 'varchar(100)').execute();
      await db.schema.alterTable('live_rooms').addColumn('jitsi_embed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('live_rooms').addColumn('bbb_meeting_id', 'varchar(100)').execute();
    },
    async down(db: Kysely<any>) {
      for (const column of ['bbb_meeting_id', 'jitsi_embed', 'jitsi_room', 'jitsi_domain', 'video_provider']) {
        await db.schema.alterTable('live_rooms').dropColumn(column).execute();
      }
    },
  },
  // #5: the programme item running now, moved by the moderators.
  '0730-live-now': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('live_rooms').addColumn('now_item_id', 'integer').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('live_rooms').dropColumn('now_item_id').execute();
    },
  },
  // #5: the room's feed of live updates, numbered for resuming (Last-Event-ID).
  '0720-live-feed': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('live_feed'))
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('kind', 'varchar(30)', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('audience', 'varchar(500)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('live_feed_event').on('live_feed').columns(['event_id', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('live_feed').execute();
    },
  },
};
