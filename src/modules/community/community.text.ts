// Small text rules the community's forms share: slugs, topic lists, links.

const TRANSLITERATION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** "Stadtlabor Soest" → "stadtlabor-soest"; umlauts as in German addresses (ä → ae). */
export function slugify(text: string, max = 80): string {
  const slug = text
    .toLowerCase()
    .replace(/[äöüß]/g, (ch) => TRANSLITERATION[ch]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'eintrag';
}

/** The first free slug among base, base-2, base-3, … */
export async function freeSlug(base: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 76)}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

export const TOPICS_MAX = 12;
export const TOPIC_MAX_LENGTH = 40;

/**
 * Topics typed as "Beteiligung, Open Data; KI": trimmed, spaces collapsed, duplicates (ignoring
 * case) dropped. Returns null when there are too many or one is too long.
 */
export function parseTopics(text: string): string[] | null {
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const topic = raw.replace(/\s+/g, ' ').trim();
    if (!topic) continue;
    if (topic.length > TOPIC_MAX_LENGTH) return null;
    const key = topic.toLocaleLowerCase('de');
    if (seen.has(key)) continue;
    seen.add(key);
    topics.push(topic);
  }
  return topics.length > TOPICS_MAX ? null : topics;
}

export const sameTopic = (a: string, b: string) => a.toLocaleLowerCase('de') === b.toLocaleLowerCase('de');

/** An absolute http(s) URL, or null: nothing else may become a link on our pages. */
export function webUrl(text: string): string | null {
  const value = text.trim();
  if (value.length > 300 || /\s/.test(value)) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? url.toString() : null;
  } catch {
    return null;
  }
}

export function parseJsonList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
