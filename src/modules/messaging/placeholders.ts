// Placeholders in mail templates: `{name}` is replaced by a value, `{{` and `}}` stand for a
// literal brace. Pure functions, no I/O: parse, validate against what a template can fill, fill.
import type { Locale } from '../../platform/i18n/index.js';

/** Every placeholder a registrant mail may know, in the order the back office lists them. */
export const PLACEHOLDERS = [
  'name', 'event', 'start', 'when', 'event_link', 'personal_link', 'access_link', 'contact', 'deadline', 'reason',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Placeholders whose values are URLs: the HTML part makes links of them. */
export const LINK_PLACEHOLDERS: readonly Placeholder[] = ['event_link', 'personal_link', 'access_link'];

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'placeholder'; name: string };

export interface Parsed {
  segments: Segment[];
  /** A `{` or `}` that is neither part of a placeholder nor doubled. */
  strayBrace: boolean;
}

const TOKEN = /\{\{|\}\}|\{([^{}\n]*)\}|[{}]/g;

/** Splits a text into literal text and placeholders. `{{`/`}}` become `{`/`}` in the text. */
export function parse(source: string): Parsed {
  const segments: Segment[] = [];
  let strayBrace = false;
  let text = '';
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    text += source.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '{{') text += '{';
    else if (match[0] === '}}') text += '}';
    else if (match[1] !== undefined) {
      if (text) segments.push({ kind: 'text', text });
      text = '';
      segments.push({ kind: 'placeholder', name: match[1] });
    } else {
      strayBrace = true;
      text += match[0];
    }
  }
  text += source.slice(last);
  if (text) segments.push({ kind: 'text', text });
  return { segments, strayBrace };
}

/** The placeholders a text uses, each once, in order of appearance. */
export function placeholdersIn(source: string): string[] {
  const names = parse(source).segments.flatMap((s) => (s.kind === 'placeholder' ? [s.name] : []));
  return [...new Set(names)];
}

export interface Validation {
  ok: boolean;
  /** Names that are no placeholder at all (typos: `{Name}`, `{link}`). */
  unknown: string[];
  /** Known placeholders this mail cannot fill (`{deadline}` in a reminder). */
  unavailable: string[];
  strayBrace: boolean;
  /** What to tell the organizer, naming the offenders and listing what is allowed; '' when ok. */
  message: string;
}

const list = (names: readonly string[]) => names.map((n) => `{${n}}`).join(', ');

/**
 * Checks a text against the placeholders a mail can fill, with the message in `locale`.
 * `where: 'subject'` words it for a subject line (which carries no personal links).
 */
export function validate(source: string, allowed: readonly string[], locale: Locale, where: 'mail' | 'subject' = 'mail'): Validation {
  const { strayBrace } = parse(source);
  const used = placeholdersIn(source);
  const unknown = used.filter((n) => !isPlaceholder(n));
  const unavailable = used.filter((n) => isPlaceholder(n) && !allowed.includes(n));
  const de = locale === 'de';
  const parts: string[] = [];
  if (unknown.length > 0) {
    parts.push(de
      ? `${unknown.length === 1 ? 'Unbekannter Platzhalter' : 'Unbekannte Platzhalter'}: ${list(unknown)}.`
      : `${unknown.length === 1 ? 'Unknown placeholder' : 'Unknown placeholders'}: ${list(unknown)}.`);
  }
  if (unavailable.length > 0) {
    parts.push(de
      ? `${list(unavailable)} gibt es ${where === 'subject' ? 'im Betreff' : 'in dieser Mail'} nicht.`
      : `${list(unavailable)} ${unavailable.length === 1 ? 'is' : 'are'} not available in ${where === 'subject' ? 'the subject' : 'this mail'}.`);
  }
  if (strayBrace) {
    parts.push(de
      ? 'Eine einzelne geschweifte Klammer ist kein Platzhalter: Schreibt {{ oder }} für eine Klammer im Text.'
      : 'A single curly brace is not a placeholder: write {{ or }} for a brace in the text.');
  }
  if (parts.length > 0) parts.push(de ? `Erlaubt sind: ${list(allowed)}.` : `Allowed: ${list(allowed)}.`);
  return { ok: parts.length === 0, unknown, unavailable, strayBrace, message: parts.join(' ') };
}

/** Replaces every placeholder by its value ('' when there is none) and `{{`/`}}` by braces. */
export function fill(source: string, values: Partial<Record<string, string>>): string {
  return parse(source).segments.map((s) => (s.kind === 'text' ? s.text : values[s.name] ?? '')).join('');
}
