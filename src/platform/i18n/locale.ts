export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best of our locales for an Accept-Language header, honouring q-values.
 * German is the default when nothing matches.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const r of ranked) if (isLocale(r.lang)) return r.lang;
  return DEFAULT_LOCALE;
}

/** Content that has a German and an English version, stored as JSON {"de": …, "en": …}. */
export type LocalizedText = Partial<Record<Locale, string>>;

export function parseLocalized(json: string | null): LocalizedText {
  if (!json) return {};
  const value: unknown = JSON.parse(json);
  if (typeof value === 'string') return { de: value };
  if (value === null || typeof value !== 'object') return {};
  const result: LocalizedText = {};
  for (const locale of LOCALES) {
    const text = (value as Record<string, unknown>)[locale];
    if (typeof text === 'string') result[locale] = text;
  }
  return result;
}

export function serializeLocalized(text: LocalizedText): string {
  return JSON.stringify(text);
}

/**
 * The text in the wanted locale, else in the content's own language, else any.
 * Returns which locale was used so the page can mark it with `lang` (WCAG 3.1.2).
 */
export function pickLocalized(text: LocalizedText, wanted: Locale, fallback: Locale = DEFAULT_LOCALE): { text: string; locale: Locale } {
  const order: Locale[] = [wanted, fallback, ...LOCALES];
  for (const locale of order) {
    const value = text[locale];
    if (value !== undefined && value.trim() !== '') return { text: value, locale };
  }
  return { text: '', locale: wanted };
}
