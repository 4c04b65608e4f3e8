// Backups of the embedded SQLite database: SQLite's online backup (consistent while the server
// keeps writing) to a file, and a restore that checks the file before it replaces anything.
// PostgreSQL is backed up with its own tools (pg_dump; docs/operations.md).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export class BackupError extends Error {}

/** A file name for a backup taken now: labcamp-2026-11-29T10-30-00Z.db in `dir`. */
export function backupFileName(dir: string, now: Date): string {
  return path.join(dir, `labcamp-${now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.db`);
}

/** Copies the live database to `target` page by page, while others may keep writing. */
export async function backupSqlite(source: string, target: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (fs.existsSync(target)) throw new BackupError(`${target} exists already; choose another file.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  // The copy inherits write-ahead logging; a backup should be one self-contained file that opens
  // read-only anywhere (a read-only connection cannot create the WAL index beside it).
  const copy = new BetterSqlite3(target);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  checkBackup(target);
  return { bytes: fs.statSync(target).size };
}

/** Throws a BackupError unless `file` is an intact SQLite database with LabCamp's schema. */
export function checkBackup(file: string): { migrations: number } {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged (integrity check: ${String(integrity)}).`);
    const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) throw new BackupError(`${file} is an SQLite database, but not one of LabCamp.`);
    const row = db.prepare('select count(*) as n from kysely_migration').get() as { n: number };
    return { migrations: row.n };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a LabCamp backup (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database at `target` with the backup. The server must be stopped: its open
 * connection would keep writing to the old file. The current database is kept next to it
 * (…db.before-restore-<time>) so a restore can itself be undone.
 */
export function restoreSqlite(backup: string, target: string, now: Date): { kept: string | null } {
  checkBackup(backup);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staged = `${target}.restoring`;
  let kept: string | null = null;
  if (fs.existsSync(target)) {
    // Fold the write-ahead log into the file first, so the kept copy is complete on its own. This
    // fails while another process (a running server) holds the database: as it should.
    const current = new BetterSqlite3(target);
    const inUse = new BackupError(`${target} is in use (stop the server before a restore).`);
    try {
      current.pragma('busy_timeout = 2000');
      if (current.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') throw inUse;
    } catch (error) {
      throw (error as { code?: string }).code?.startsWith('SQLITE_BUSY') ? inUse : error;
    } finally {
      current.close();
    }
    kept = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  }
  fs.copyFileSync(backup, staged);
  if (kept) fs.renameSync(target, kept);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  fs.renameSync(staged, target);
  return { kept };
}
