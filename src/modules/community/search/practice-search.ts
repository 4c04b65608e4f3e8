// The practice library's full-text index (ADR 0029). SQLite: an FTS5 table over our own German
// stems; PostgreSQL: a tsvector of the german configuration. Both index compound tails too, so
// "Beteiligung" finds "Bürgerbeteiligungen".
import { sql } from 'kysely';
import type { Db, Dialect } from '../../../platform/db/database.js';
import { indexText, queryStems, queryWords, stemmedIndexText } from './german-text.js';

export async function indexPractice(trx: Db, dialect: Dialect, practiceId: number, text: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`delete from practice_search where rowid = ${practiceId}`.execute(trx);
    await sql`insert into practice_search (rowid, doc) values (${practiceId}, ${stemmedIndexText(text)})`.execute(trx);
  } else {
    await sql`insert into practice_search (practice_id, document) values (${practiceId}, to_tsvector('german', ${indexText(text)}))
      on conflict (practice_id) do update set document = excluded.document`.execute(trx);
  }
}

export async function removeFromIndex(trx: Db, dialect: Dialect, practiceId: number): Promise<void> {
  if (dialect === 'sqlite') await sql`delete from practice_search where rowid = ${practiceId}`.execute(trx);
  else await sql`delete from practice_search where practice_id = ${practiceId}`.execute(trx);
}

/** Ids of matching practices, best first; every query word must match. [] for a query of stop words only. */
export async function searchPractices(db: Db, dialect: Dialect, query: string, limit = 500): Promise<number[]> {
  if (dialect === 'sqlite') {
    const stems = queryStems(query);
    if (stems.length === 0) return [];
    // Stems are letters and digits only; quoting keeps FTS5 from reading any of them as syntax.
    const match = stems.map((s) => `"${s.replace(/"/g, '""')}"`).join(' AND ');
    const rows = await sql<{ id: number }>`select rowid as id from practice_search where practice_search match ${match} order by bm25(practice_search) limit ${limit}`.execute(db);
    return rows.rows.map((r) => Number(r.id));
  }
  const words = queryWords(query);
  if (words.length === 0) return [];
  const rows = await sql<{ id: number }>`select practice_id as id from practice_search, plainto_tsquery('german', ${words.join(' ')}) q
    where document @@ q order by ts_rank(document, q) desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}
