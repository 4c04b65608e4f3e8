// The 16 Länder with their official two-letter codes (ISO 3166-2:DE without the prefix).
import type { Locale } from './i18n/index.js';

export const LAENDER = {
  BW: { de: 'Baden-Württemberg', en: 'Baden-Württemberg' },
  BY: { de: 'Bayern', en: 'Bavaria' },
  BE: { de: 'Berlin', en: 'Berlin' },
  BB: { de: 'Brandenburg', en: 'Brandenburg' },
  HB: { de: 'Bremen', en: 'Bremen' },
  HH: { de: 'Hamburg', en: 'Hamburg' },
  HE: { de: 'Hessen', en: 'Hesse' },
  MV: { de: 'Mecklenburg-Vorpommern', en: 'Mecklenburg-Western Pomerania' },
  NI: { de: 'Niedersachsen', en: 'Lower Saxony' },
  NW: { de: 'Nordrhein-Westfalen', en: 'North Rhine-Westphalia' },
  RP: { de: 'Rheinland-Pfalz', en: 'Rhineland-Palatinate' },
  SL: { de: 'Saarland', en: 'Saarland' },
  SN: { de: 'Sachsen', en: 'Saxony' },
  ST: { de: 'Sachsen-Anhalt', en: 'Saxony-Anhalt' },
  SH: { de: 'Schleswig-Holstein', en: 'Schleswig-Holstein' },
  TH: { de: 'Thüringen', en: 'Thuringia' },
} as const satisfies Record<string, Record<Locale, string>>;

export type LandCode = keyof typeof LAENDER;
export const LAND_CODES = Object.keys(LAENDER) as LandCode[];

export function isLandCode(value: string): value is LandCode {
  return Object.hasOwn(LAENDER, value);
}

/** Levels of government (and the others who come to the meetings). */
export const LEVELS = ['bund', 'land', 'kommune', 'wissenschaft', 'zivilgesellschaft', 'sonstige'] as const;
export type Level = (typeof LEVELS)[number];

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}
