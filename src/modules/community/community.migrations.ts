import { type Kysely, type Migration, sql } from 'kysely';
import { TIMESTAMP_TYPE, isSqlite, withId } from '../../platform/db/columns.js';

export const communityMigrations: Record<string, Migration> = {
  '1000-community': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('labs'))
        .addColumn('slug', 'varchar(80)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('level', 'varchar(20)', (c) => c.notNull())
        .addColumn('land', 'varchar(2)')
        .addColumn('city', 'varchar(100)', (c) => c.notNull())
        .addColumn('parent_body', 'varchar(200)', (c) => c.notNull())
        .addColumn('website', 'varchar(300)')
        .addColumn('founded', 'integer')
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('team', 'varchar(1000)', (c) => c.notNull())
        .addColumn('contact_email', 'varchar(254)')
        .addColumn('contact_public', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('members'))
        .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('lab_id', 'integer', (c) => c.references('labs.id').onDelete('set null'))
        .addColumn('findable', 'integer', (c) => c.notNull())
        .addColumn('about', 'varchar(500)', (c) => c.notNull())
        .addColumn('locale', 'varchar(5)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('member_sessions')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await withId(db, db.schema.createTable('practices'))
        .addColumn('slug', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('approach', 'text', (c) => c.notNull())
        .addColumn('results', 'text', (c) => c.notNull())
        .addColumn('adapt', 'text', (c) => c.notNull())
        .addColumn('effort', 'varchar(10)')
        .addColumn('contact', 'varchar(500)', (c) => c.notNull())
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
        .addColumn('author_member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
        .addColumn('author_organizer_id', 'integer')
        .addColumn('source', 'varchar(100)')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('published_at', TIMESTAMP_TYPE)
        .execute();
      await db.schema.createIndex('practices_status').on('practices').columns(['status', 'published_at']).execute();
      await db.schema
        .createTable('practice_labs')
        .addColumn('practice_id', 'integer', (c) => c.notNull().references('practices.id').onDelete('cascade'))
        .addColumn('lab_id', 'integer', (c) => c.notNull().references('labs.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('practice_labs_pk', ['practice_id', 'lab_id'])
        .execute();
      // The search index (ADR 0029): FTS5 over our own German stems on SQLite, a tsvector built
      // with PostgreSQL's german configuration there. Both hold compound tails too.
      if (isSqlite(db)) {
        await sql`create virtual table practice_search using fts5(doc, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
      } else {
        await db.schema
          .createTable('practice_search')
          .addColumn('practice_id', 'integer', (c) => c.primaryKey().references('practices.id').onDelete('cascade'))
          .addColumn('document', sql`tsvector`, (c) => c.notNull())
          .execute();
        await sql`create index practice_search_document on practice_search using gin (document)`.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('practice_search').execute();
      await db.schema.dropTable('practice_labs').execute();
      await db.schema.dropTable('practices').execute();
      await db.schema.dropTable('member_sessions').execute();
      await db.schema.dropTable('members').execute();
      await db.schema.dropTable('labs').execute();
    },
  },
  '1001-challenges': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('challenges'))
        .addColumn('slug', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('title', 'varchar(200)', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('topics', 'text', (c) => c.notNull())
        .addColumn('status', 'varchar(12)', (c) => c.notNull())
        .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
        .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('author_member_id', 'integer', (c) => c.references('members.id').onDelete('set null'))
        .addColumn('author_organizer_id', 'integer')
        .addColumn('source', 'varchar(100)')
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('updated_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('published_at', TIMESTAMP_TYPE)
        .execute();
      await db.schema
        .createTable('challenge_votes')
        .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
        .addColumn('voter', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addPrimaryKeyConstraint('challenge_votes_pk', ['challenge_id', 'voter'])
        .execute();
      await db.schema
        .createTable('challenge_practices')
        .addColumn('challenge_id', 'integer', (c) => c.notNull().references('challenges.id').onDelete('cascade'))
        .addColumn('practice_id', 'integer', (c) => c.notNull().references('practices.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('challenge_practices_pk', ['challenge_id', 'practice_id'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('challenge_practices').execute();
      await db.schema.dropTable('challenge_votes').execute();
      await db.schema.dropTable('challenges').execute();
    },
  },
  '1002-contact-messages': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('contact_messages'))
        .addColumn('from_member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
        .addColumn('to_member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contact_messages_from').on('contact_messages').columns(['from_member_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('contact_messages').execute();
    },
  },
  // Members sign in again with a link mailed to their address (their registration's personal link
  // stops working once its event's data is anonymised).
  '1003-member-sign-in-links': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('member_sign_in_links'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('used_at', TIMESTAMP_TYPE)
        .execute();
      await db.schema.createIndex('member_sign_in_links_member').on('member_sign_in_links').columns(['member_id', 'created_at']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('member_sign_in_links').execute();
    },
  },
};
