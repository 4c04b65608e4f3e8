// Reading the registration form at the edge: every field checked, every message in the user's
// language, the raw values kept so the form can be shown again with what was typed.
import type { Locale, Messages } from '../../platform/i18n/index.js';
import { checkText, field, isEmailAddress, type FormBody } from '../../platform/http/form.js';
import { isLandCode, isLevel } from '../../platform/germany.js';
import type { FieldErrors } from '../../platform/html/components.js';
import type { Question, RegistrantDetails } from './registration.types.js';

export const LIMITS = { name: 200, email: 254, organisation: 200, role: 200, shortText: 300, longText: 3000 } as const;

/** Practical address check: one @, a dot in the domain, no spaces or angle brackets. */

export interface FormValues {
  name: string;
  email: string;
  organisation: string;
  level: string;
  land: string;
  role: string;
  privacy: boolean;
  listed: boolean;
  answers: Record<number, string | string[]>;
}

export const EMPTY_FORM: FormValues = { name: '', email: '', organisation: '', level: '', land: '', role: '', privacy: false, listed: false, answers: {} };

function list(body: unknown, name: string): string[] {
  const value = (body as FormBody | undefined)?.[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export function questionField(question: Pick<Question, 'id'>): string {
  return `q${question.id}`;
}

export function readForm(body: unknown, questions: Question[]): FormValues {
  const answers: Record<number, string | string[]> = {};
  for (const q of questions) {
    answers[q.id] = q.kind === 'multiple_choice' ? list(body, questionField(q)) : field(body, questionField(q));
  }
  return {
    name: field(body, 'name').trim(),
    email: field(body, 'email').trim(),
    organisation: field(body, 'organisation').trim(),
    level: field(body, 'level'),
    land: field(body, 'land'),
    role: field(body, 'role').trim(),
    privacy: field(body, 'privacy') === 'yes',
    listed: field(body, 'listed') === 'yes',
    answers,
  };
}

/** Checks the values; returns the details to store, or the errors keyed by field name. */
export function validateForm(values: FormValues, questions: Question[], t: Messages, options: { requireEmail: boolean; requirePrivacy: boolean }):
  { details: RegistrantDetails; errors: null } | { details: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const set = (name: string, message: string | null) => {
    if (message) errors[name] = message;
  };
  set('name', checkText(values.name, t, { required: true, max: LIMITS.name }));
  if (options.requireEmail) {
    set('email', checkText(values.email, t, { required: true, max: LIMITS.email }) ?? (isEmailAddress(values.email) ? null : t.validation.invalidEmail));
  }
  set('organisation', checkText(values.organisation, t, { required: true, max: LIMITS.organisation }));
  if (!isLevel(values.level)) errors.level = t.registration.chooseLevel;
  if (values.land !== '' && !isLandCode(values.land)) errors.land = t.registration.chooseLand;
  set('role', checkText(values.role, t, { max: LIMITS.role }));
  if (options.requirePrivacy && !values.privacy) errors.privacy = t.registration.privacyRequired;

  const answers: Record<number, string | string[]> = {};
  for (const q of questions) {
    const name = questionField(q);
    const raw = values.answers[q.id] ?? '';
    if (q.kind === 'multiple_choice') {
      const chosen = Array.isArray(raw) ? raw : [raw].filter(Boolean);
      const allowed = new Set(q.options.map((o) => o.value));
      if (chosen.some((c) => !allowed.has(c))) errors[name] = t.registration.chooseOption;
      else if (q.required && chosen.length === 0) errors[name] = t.registration.chooseAtLeastOne;
      answers[q.id] = [...new Set(chosen)];
      continue;
    }
    const value = Array.isArray(raw) ? (raw[0] ?? '') : raw;
    if (q.kind === 'single_choice' || q.kind === 'yes_no') {
      const allowed = q.kind === 'yes_no' ? ['yes', 'no'] : q.options.map((o) => o.value);
      if (value !== '' && !allowed.includes(value)) errors[name] = t.registration.chooseOption;
      else if (q.required && value === '') errors[name] = t.registration.chooseOption;
    } else {
      set(name, checkText(value, t, { required: q.required, max: q.kind === 'long_text' ? LIMITS.longText : LIMITS.shortText }));
    }
    answers[q.id] = value.replace(/\r\n?/g, '\n').trim();
  }

  if (Object.keys(errors).length > 0) return { details: null, errors };
  return {
    details: {
      name: values.name, email: values.email.toLowerCase(), organisation: values.organisation,
      level: values.level as RegistrantDetails['level'], land: values.land === '' ? null : values.land,
      role: values.role === '' ? null : values.role, listed: values.listed, answers,
    },
    errors: null,
  };
}

export function localizedLabel(text: Partial<Record<Locale, string>>, locale: Locale): string {
  return text[locale] ?? text.de ?? text.en ?? '';
}
