import type { Locale } from './locale.js';
import { de, type Messages } from './messages.de.js';
import { en } from './messages.en.js';

export * from './locale.js';
export type { Messages };

const catalogue: Record<Locale, Messages> = { de, en };

export function messages(locale: Locale): Messages {
  return catalogue[locale];
}
