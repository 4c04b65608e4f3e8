/**
 * German text preparation for the practice-library full-text search.
 *
 * Pure functions only (no I/O). Two consumers:
 * - PostgreSQL indexes `to_tsvector('german', indexText(doc))`. Its snowball
 *   configuration stems but never splits compounds, so we append compound tails
 *   unstemmed and let PostgreSQL stem them.
 * - SQLite FTS5 (unicode61, no German stemmer) indexes `stemmedIndexText(doc)`
 *   and is queried with `queryStems(q)`, both stemmed by `stemGerman` here.
 */

// ---------------------------------------------------------------------------
// Snowball German stemmer
// ---------------------------------------------------------------------------

const VOWELS: ReadonlySet<string> = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'ü']);
const S_ENDINGS: ReadonlySet<string> = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'r', 't']);
const ST_ENDINGS: ReadonlySet<string> = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 't']);

// Longest first, so the first match is the longest match.
const STEP1_SUFFIXES = ['ern', 'em', 'er', 'en', 'es', 'e', 's'] as const;
const STEP2_SUFFIXES = ['est', 'en', 'er', 'st'] as const;
const STEP3_SUFFIXES = ['isch', 'lich', 'heit', 'keit', 'end', 'ung', 'ig', 'ik'] as const;

function isVowel(c: string | undefined): boolean {
  return c !== undefined && VOWELS.has(c);
}

function endsWith(w: readonly string[], suffix: string): boolean {
  if (suffix.length > w.length) return false;
  const start = w.length - suffix.length;
  for (let i = 0; i < suffix.length; i++) {
    if (w[start + i] !== suffix[i]) return false;
  }
  return true;
}

function longestSuffix<T extends string>(w: readonly string[], suffixes: readonly T[]): T | undefined {
  return suffixes.find((s) => endsWith(w, s));
}

/**
 * The Snowball German stemmer (snowballstem.org/algorithms/german), in the form
 * before Snowball 2.3.0, i.e. without the later ae/oe/ue → ä/ö/ü folding.
 * Works on code points so that "at least 3 letters" counts letters, not UTF-16 units.
 */
export function stemGerman(word: string): string {
  // Marked u/y are stored as 'U'/'Y': they are then consonants for R1/R2.
  const w = Array.from(word.toLowerCase().replace(/ß/g, 'ss'));

  for (let i = 1; i < w.length - 1; i++) {
    const c = w[i];
    if ((c === 'u' || c === 'y') && isVowel(w[i - 1]) && isVowel(w[i + 1])) w[i] = c.toUpperCase();
  }

  // R1/R2. R2 is searched from the unadjusted R1 start, as the Snowball source does.
  const n = w.length;
  let p1 = n;
  let p2 = n;
  if (n >= 3) {
    const afterVowelThenConsonant = (from: number): number | undefined => {
      let i = from;
      while (i < n && !isVowel(w[i])) i++;
      while (i < n && isVowel(w[i])) i++;
      return i < n ? i + 1 : undefined;
    };
    const r1 = afterVowelThenConsonant(0);
    if (r1 !== undefined) {
      p1 = Math.max(r1, 3);
      p2 = afterVowelThenConsonant(r1) ?? n;
    }
  }

  // Step 1
  const s1 = longestSuffix(w, STEP1_SUFFIXES);
  if (s1 !== undefined && w.length - s1.length >= p1) {
    const start = w.length - s1.length;
    if (s1 === 's') {
      if (S_ENDINGS.has(w[start - 1] ?? '')) w.length = start;
    } else {
      w.length = start;
      if ((s1 === 'e' || s1 === 'en' || s1 === 'es') && endsWith(w, 'niss')) w.length -= 1;
    }
  }

  // Step 2
  const s2 = longestSuffix(w, STEP2_SUFFIXES);
  if (s2 !== undefined && w.length - s2.length >= p1) {
    const start = w.length - s2.length;
    if (s2 !== 'st') w.length = start;
    // 'st' needs a valid st-ending that itself has at least 3 letters before it.
    else if (ST_ENDINGS.has(w[start - 1] ?? '') && start - 1 >= 3) w.length = start;
  }

  // Step 3 (d-suffixes)
  const s3 = longestSuffix(w, STEP3_SUFFIXES);
  if (s3 !== undefined && w.length - s3.length >= p2) {
    const start = w.length - s3.length;
    switch (s3) {
      case 'end':
      case 'ung':
        w.length = start;
        if (endsWith(w, 'ig') && w.length - 2 >= p2 && w[w.length - 3] !== 'e') w.length -= 2;
        break;
      case 'ig':
      case 'ik':
      case 'isch':
        if (w[start - 1] !== 'e') w.length = start;
        break;
      case 'lich':
      case 'heit':
        w.length = start;
        if ((endsWith(w, 'er') || endsWith(w, 'en')) && w.length - 2 >= p1) w.length -= 2;
        break;
      case 'keit': {
        w.length = start;
        const before = longestSuffix(w, ['lich', 'ig'] as const);
        if (before !== undefined && w.length - before.length >= p2) w.length -= before.length;
        break;
      }
    }
  }

  let out = '';
  for (const c of w) {
    out += c === 'U' ? 'u' : c === 'Y' ? 'y' : c === 'ä' ? 'a' : c === 'ö' ? 'o' : c === 'ü' ? 'u' : c;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Tokenising
// ---------------------------------------------------------------------------

// A run of letters/digits, possibly joined by hyphens (ASCII, U+2010, U+2011).
const WORD_GROUP = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;
const HYPHEN = /[-\u2010\u2011]/;
// Soft hyphens come with text pasted from word processors and sit inside words.
const SOFT_HYPHEN = /\u00AD/g;

function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Lowercased words of a text. Hyphenated words yield their parts and the joined
 * form ("Open-Data-Portal" → open, data, portal, opendataportal), so both
 * "Portal" and "Opendataportal" find it. One-character words are dropped.
 * NFC first: decomposed umlauts (u + U+0308) would otherwise split words.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const normalized = text.normalize('NFC').replace(SOFT_HYPHEN, '');
  for (const match of normalized.matchAll(WORD_GROUP)) {
    const parts = match[0].toLowerCase().split(HYPHEN);
    for (const part of parts) if (charLength(part) > 1) out.push(part);
    if (parts.length > 1) {
      const joined = parts.join('');
      if (charLength(joined) > 1) out.push(joined);
    }
  }
  return out;
}

/** The Snowball German stop-word list (snowballstem.org/algorithms/german/stop.txt). */
export const GERMAN_STOP_WORDS: ReadonlySet<string> = new Set([
  'aber', 'alle', 'allem', 'allen', 'aller', 'alles', 'als', 'also', 'am', 'an', 'ander', 'andere',
  'anderem', 'anderen', 'anderer', 'anderes', 'anderm', 'andern', 'anderr', 'anders', 'auch', 'auf',
  'aus', 'bei', 'bin', 'bis', 'bist', 'da', 'damit', 'dann', 'das', 'dasselbe', 'dazu', 'daß', 'dein',
  'deine', 'deinem', 'deinen', 'deiner', 'deines', 'dem', 'demselben', 'den', 'denn', 'denselben',
  'der', 'derer', 'derselbe', 'derselben', 'des', 'desselben', 'dessen', 'dich', 'die', 'dies',
  'diese', 'dieselbe', 'dieselben', 'diesem', 'diesen', 'dieser', 'dieses', 'dir', 'doch', 'dort',
  'du', 'durch', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines', 'einig', 'einige', 'einigem',
  'einigen', 'einiger', 'einiges', 'einmal', 'er', 'es', 'etwas', 'euch', 'euer', 'eure', 'eurem',
  'euren', 'eurer', 'eures', 'für', 'gegen', 'gewesen', 'hab', 'habe', 'haben', 'hat', 'hatte',
  'hatten', 'hier', 'hin', 'hinter', 'ich', 'ihm', 'ihn', 'ihnen', 'ihr', 'ihre', 'ihrem', 'ihren',
  'ihrer', 'ihres', 'im', 'in', 'indem', 'ins', 'ist', 'jede', 'jedem', 'jeden', 'jeder', 'jedes',
  'jene', 'jenem', 'jenen', 'jener', 'jenes', 'jetzt', 'kann', 'kein', 'keine', 'keinem', 'keinen',
  'keiner', 'keines', 'können', 'könnte', 'machen', 'man', 'manche', 'manchem', 'manchen', 'mancher',
  'manches', 'mein', 'meine', 'meinem', 'meinen', 'meiner', 'meines', 'mich', 'mir', 'mit', 'muss',
  'musste', 'nach', 'nicht', 'nichts', 'noch', 'nun', 'nur', 'ob', 'oder', 'ohne', 'sehr', 'sein',
  'seine', 'seinem', 'seinen', 'seiner', 'seines', 'selbst', 'sich', 'sie', 'sind', 'so', 'solche',
  'solchem', 'solchen', 'solcher', 'solches', 'soll', 'sollte', 'sondern', 'sonst', 'um', 'und',
  'uns', 'unse', 'unsem', 'unsen', 'unser', 'unses', 'unter', 'viel', 'vom', 'von', 'vor', 'war',
  'waren', 'warst', 'was', 'weg', 'weil', 'weiter', 'welche', 'welchem', 'welchen', 'welcher',
  'welches', 'wenn', 'werde', 'werden', 'wie', 'wieder', 'will', 'wir', 'wird', 'wirst', 'wo',
  'wollen', 'wollte', 'während', 'würde', 'würden', 'zu', 'zum', 'zur', 'zwar', 'zwischen', 'über',
]);

// ---------------------------------------------------------------------------
// Compound tails
// ---------------------------------------------------------------------------

const MIN_COMPOUND_LENGTH = 10;
const MIN_HEAD_LENGTH = 4;
const MIN_TAIL_LENGTH = 6;
const MAX_TAILS_PER_WORD = 30;
// Longer "words" are hashes, base64 or URLs run together, not compounds.
const MAX_COMPOUND_LENGTH = 64;
// Whole-text cap, keeps a PostgreSQL tsvector well below its 1 MB limit.
const MAX_TAILS_PER_TEXT = 20_000;
// PostgreSQL skips words over 2047 bytes anyway; nobody searches for these.
const MAX_INDEX_WORD_LENGTH = 100;

/**
 * Suffix words of a lowercased compound, so that "Beteiligung" finds
 * "Bürgerbeteiligungen": every tail of at least 6 letters that starts at
 * index ≥ 4 (at most 30, the shortest ones, which hold the head noun that a
 * German compound is "about"). Words under 10 letters, over 64 letters or
 * containing non-letters yield nothing.
 *
 * Without a dictionary we cannot know where the joints are, so we take every
 * position. That over-generation is acceptable: a tail that is not a word
 * ("erbeteiligungen", "rbeteiligungen") only produces a rare term no one queries;
 * a false positive needs a query word whose stem equals the stem of some tail
 * ("Meister" finds "Bürgermeister", "nehmen" finds "Teilnehmer"), and ranking
 * still prefers documents with the whole word (whole words keep their frequency,
 * each tail counts once per document). The price is index size: a word of n
 * letters adds min(n − 9, 30) terms, roughly doubling the terms of a typical
 * German text and adding many rare lexemes to the GIN / FTS5 index.
 */
export function compoundTails(word: string): string[] {
  const chars = Array.from(word);
  const n = chars.length;
  if (n < MIN_COMPOUND_LENGTH || n > MAX_COMPOUND_LENGTH || !/^\p{L}+$/u.test(word)) return [];
  const tails: string[] = [];
  const first = Math.max(MIN_HEAD_LENGTH, n - MIN_TAIL_LENGTH - MAX_TAILS_PER_WORD + 1);
  for (let i = first; i <= n - MIN_TAIL_LENGTH; i++) tails.push(chars.slice(i).join(''));
  return tails;
}

// ---------------------------------------------------------------------------
// Index and query text
// ---------------------------------------------------------------------------

function indexTerms(text: string): string[] {
  const kept = words(text).filter(
    (w) => !GERMAN_STOP_WORDS.has(w) && charLength(w) <= MAX_INDEX_WORD_LENGTH,
  );
  const expanded = new Set<string>();
  const tails = new Set<string>();
  outer: for (const w of kept) {
    if (expanded.has(w)) continue;
    expanded.add(w);
    for (const tail of compoundTails(w)) {
      if (tails.size >= MAX_TAILS_PER_TEXT) break outer;
      if (!GERMAN_STOP_WORDS.has(tail)) tails.add(tail);
    }
  }
  return [...kept, ...tails];
}

/** Words (no stop words) then their compound tails, unstemmed: for `to_tsvector('german', …)`. */
export function indexText(text: string): string {
  return indexTerms(text).join(' ');
}

/** The same terms as `indexText`, each stemmed: for an SQLite FTS5 column. */
export function stemmedIndexText(text: string): string {
  // Long texts repeat words; stem each distinct term once.
  const cache = new Map<string, string>();
  const stems: string[] = [];
  for (const term of indexTerms(text)) {
    let stem = cache.get(term);
    if (stem === undefined) {
      stem = stemGerman(term);
      cache.set(term, stem);
    }
    stems.push(stem);
  }
  return stems.join(' ');
}

const MAX_QUERY_WORDS = 10;

/** The words of a user's query without stop words, deduplicated, at most 10. */
export function queryWords(q: string): string[] {
  const out: string[] = [];
  // A hyphenated query word asks for its parts: "Open-Data" must find "Open Data" too, so the
  // joined form ("opendata") that the index also holds is not required here.
  for (const w of words(q.replace(/[-\u2010\u2011\u2012\u2013\u2014]/g, ' '))) {
    if (GERMAN_STOP_WORDS.has(w) || out.includes(w)) continue;
    out.push(w);
    if (out.length === MAX_QUERY_WORDS) break;
  }
  return out;
}

/** The distinct stems of `queryWords(q)`, to match against `stemmedIndexText`. */
export function queryStems(q: string): string[] {
  return [...new Set(queryWords(q).map(stemGerman))];
}
