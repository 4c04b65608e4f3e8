// Column helpers that hide the few differences between the dialects in migrations.
import { type CreateTableBuilder, type Kysely, SqliteAdapter } from 'kysely';

export function isSqlite(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

/** An auto-incrementing integer primary key named `id`. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isSqlite(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : table.addColumn('id', 'serial', (c) => c.primaryKey());
}

/**
 * Timestamps are ISO-8601 UTC strings of fixed width ("2020-05-26T13:00:00.000Z") on both
 * dialects, so they compare and sort as text and read back identically (ADR 0005).
 */
export const TIMESTAMP_TYPE = 'varchar(24)' as const;
