// The form of a message to registrations: read and validated at the edge, with the message next
// to each field. The access link may only be used when the message goes to admitted people alone.
import { checkText, field, fieldList, normalizeText } from '../../platform/http/form.js';
import { LOCALES, type Locale, type Messages, isLocale } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { LEVELS } from '../../platform/germany.js';
import type { RegistrationStatus } from '../registration/registration.types.js';
import { type Placeholder, validate } from './placeholders.js';
import { SCHEDULE_STATUSES } from './schedules.service.js';
import type { BroadcastText } from './broadcasts.service.js';
import { BODY_MAX, SUBJECT_MAX } from './templates.form.js';
import { COMMON_PLACEHOLDERS } from './templates.js';

/** Who a message can go to: everyone still in the event (not cancelled, rejected or expired). */
export const BROADCAST_STATUSES = SCHEDULE_STATUSES;

/** The placeholders a message can fill: the access link only in one to admitted people alone. */
export function broadcastPlaceholders(statuses: readonly string[]): Placeholder[] {
  const seatedOnly = statuses.length > 0 && statuses.every((s) => s === 'admitted');
  return [...COMMON_PLACEHOLDERS, ...(seatedOnly ? ['access_link' as const] : [])];
}

export interface BroadcastFormValues {
  subject: string;
  body: string;
  locale: string;
  statuses: string[];
  levels: string[];
}

export function defaultBroadcastForm(locale: Locale): BroadcastFormValues {
  return { subject: '', body: '', locale, statuses: ['admitted'], levels: [] };
}

export function formValues(b: BroadcastText): BroadcastFormValues {
  return { subject: b.subject, body: b.body, locale: b.locale, statuses: b.statuses, levels: b.levels };
}

export function readBroadcastForm(body: unknown): BroadcastFormValues {
  return {
    subject: normalizeText(field(body, 'subject')).trim(), body: normalizeText(field(body, 'body')).trim(), locale: field(body, 'locale'),
    statuses: fieldList(body, 'statuses'), levels: fieldList(body, 'levels'),
  };
}

/** The message, or errors per field in the organizer's language (`uiLocale`). */
export function validateBroadcastForm(values: BroadcastFormValues, t: Messages, uiLocale: Locale): { text?: BroadcastText; errors: FieldErrors } {
  const b = t.broadcasts;
  const errors: FieldErrors = {};
  const statuses = values.statuses.filter((v) => (BROADCAST_STATUSES as readonly string[]).includes(v)) as RegistrationStatus[];
  if (statuses.length !== values.statuses.length) errors.statuses = b.invalidChoice;
  else if (statuses.length === 0) errors.statuses = b.statusesRequired;
  const levels = values.levels.filter((v) => (LEVELS as readonly string[]).includes(v));
  if (levels.length !== values.levels.length) errors.levels = b.invalidChoice;
  if (!isLocale(values.locale)) errors.locale = b.invalidChoice;

  const allowed = broadcastPlaceholders(statuses);
  const noLinks = allowed.filter((p) => p !== 'personal_link' && p !== 'access_link');
  const subject = checkText(values.subject, t, { required: true, max: SUBJECT_MAX })
    ?? (validate(values.subject, noLinks, uiLocale, 'subject').message || null);
  if (subject) errors.subject = subject;
  const bodyCheck = validate(values.body, allowed, uiLocale);
  const body = checkText(values.body, t, { required: true, max: BODY_MAX })
    // Say why the access link is refused rather than only that it is.
    ?? (bodyCheck.unavailable.includes('access_link') ? `${b.accessLinkAdmittedOnly} ${bodyCheck.message}` : bodyCheck.message || null);
  if (body) errors.body = body;

  if (Object.keys(errors).length > 0 || !isLocale(values.locale)) return { errors };
  return {
    text: { subject: values.subject, body: values.body, locale: values.locale, statuses: [...new Set(statuses)], levels: [...new Set(levels)] },
    errors,
  };
}

export const MESSAGE_LOCALES = LOCALES;
