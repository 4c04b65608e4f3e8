// Reading and checking form fields at the edge. Every message is in the user's language.
import type { Messages } from '../i18n/index.js';

/** C0 controls except tab, line feed and carriage return, plus DEL. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The text without those characters (for inputs normalised rather than refused). */
export const withoutControlChars = (text: string) => text.replace(new RegExp(CONTROL_CHARS.source, 'g'), '');

export type FormBody = Record<string, unknown>;

export function field(body: unknown, name: string): string {
  const value = (body as FormBody | undefined)?.[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

/** Every string value of a field that may repeat (checkboxes): none, one or many. */
export function fieldList(body: unknown, name: string): string[] {
  const value = (body as FormBody | undefined)?.[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** Checks a free text: required, maximum length, no control characters. Returns the error or null. */
export function checkText(value: string, t: Messages, rules: { required?: boolean; max: number }): string | null {
  if (rules.required && value.trim() === '') return t.validation.required;
  if (value.length > rules.max) return t.validation.tooLong(rules.max);
  if (CONTROL_CHARS.test(value)) return t.validation.controlChars;
  return null;
}

/** Line endings from browsers are CRLF; store LF. */
export function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

/** A plausible mail address (the mail server has the last word); at most 254 characters, no control characters. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !CONTROL_CHARS.test(value);
}
