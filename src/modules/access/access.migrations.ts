import { type Kysely, type Migration, sql } from 'kysely';
import { TIMESTAMP_TYPE, withId } from '../../platform/db/columns.js';

export const accessMigrations: Record<string, Migration> = {
  '0300-access-organizers': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('organizers'))
        .addColumn('email', 'varchar(320)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('password_hash', 'varchar(200)')
        .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('disabled_at', TIMESTAMP_TYPE)
        .execute();

      await withId(db, db.schema.createTable('login_tokens'))
        .addColumn('organizer_id', 'integer', (c) => c.notNull().references('organizers.id').onDelete('cascade'))
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('used_at', TIMESTAMP_TYPE)
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('organizer_id', 'integer', (c) => c.notNull().references('organizers.id').onDelete('cascade'))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('sessions').execute();
      await db.schema.dropTable('login_tokens').execute();
      await db.schema.dropTable('organizers').execute();
    },
  },
  '0310-access-event-team': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('event_team')
        .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('organizer_id', 'integer', (c) => c.notNull().references('organizers.id').onDelete('cascade'))
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addPrimaryKeyConstraint('event_team_pk', ['event_id', 'organizer_id'])
        .addCheckConstraint('event_team_role_check', sql`role in ('owner', 'organizer', 'moderator', 'readonly')`)
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('event_team').execute();
    },
  },
  // Password sign-in (ADR 13): a counter of consecutive wrong passwords and a lock; personal API
  // tokens (ADR 14), stored as SHA-256 like every other token.
  '0320-access-api-tokens': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('organizers').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('organizers').addColumn('locked_until', TIMESTAMP_TYPE).execute();
      await withId(db, db.schema.createTable('api_tokens'))
        .addColumn('organizer_id', 'integer', (c) => c.notNull().references('organizers.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull())
        .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE)
        .addColumn('last_used_at', TIMESTAMP_TYPE)
        .addColumn('revoked_at', TIMESTAMP_TYPE)
        .execute();
      await db.schema.createIndex('api_tokens_organizer_id').on('api_tokens').column('organizer_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('api_tokens').execute();
      await db.schema.alterTable('organizers').dropColumn('locked_until').execute();
      await db.schema.alterTable('organizers').dropColumn('failed_logins').execute();
    },
  },
  '0330-access-totp': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('organizers').addColumn('totp_secret', 'varchar(64)').execute();
      await db.schema.alterTable('organizers').addColumn('totp_last_step', 'integer').execute();
      // Between password (or link) and code: the cookie holds a random id, the table its SHA-256.
      await db.schema
        .createTable('login_challenges')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('organizer_id', 'integer', (c) => c.notNull().references('organizers.id').onDelete('cascade'))
        .addColumn('method', 'varchar(10)', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('expires_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('login_challenges').execute();
      await db.schema.alterTable('organizers').dropColumn('totp_last_step').execute();
      await db.schema.alterTable('organizers').dropColumn('totp_secret').execute();
    },
  },
  // Ten one-time codes to sign in with when the authenticator app is lost (only their SHA-256).
  '0331-access-recovery-codes': {
    async up(db: Kysely<any>) {
      await withId(db, db.schema.createTable('recovery_codes'))
        .addColumn('organizer_id', 'integer', (c) => c.notNull().references('organizers.id').onDelete('cascade'))
        .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', TIMESTAMP_TYPE, (c) => c.notNull())
        .addColumn('used_at', TIMESTAMP_TYPE)
        .execute();
      await db.schema.createIndex('recovery_codes_organizer').on('recovery_codes').column('organizer_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('recovery_codes').execute();
    },
  },
};
