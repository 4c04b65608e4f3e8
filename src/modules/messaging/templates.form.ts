// The form that edits one mail template: read and validated at the edge. Unknown placeholders and
// placeholders this mail cannot fill are refused with a message next to the field.
import { checkText, field, normalizeText } from '../../platform/http/form.js';
import type { Locale, Messages } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { validate } from './placeholders.js';
import { type RegistrantTemplate, type TemplateText, availablePlaceholders, subjectPlaceholders } from './templates.js';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 5000;

export function readTemplateForm(body: unknown): TemplateText {
  return { subject: normalizeText(field(body, 'subject')).trim(), body: normalizeText(field(body, 'body')).trim() };
}

/** Errors per field in the organizer's language (`uiLocale`); empty when the template can be stored. */
export function validateTemplateForm(values: TemplateText, template: RegistrantTemplate, t: Messages, uiLocale: Locale): FieldErrors {
  const errors: FieldErrors = {};
  const subject = checkText(values.subject, t, { required: true, max: SUBJECT_MAX })
    ?? (values.subject.includes('\n') ? t.mailTemplates.oneLine : null)
    ?? (validate(values.subject, subjectPlaceholders(template), uiLocale, 'subject').message || null);
  if (subject) errors.subject = subject;
  const body = checkText(values.body, t, { required: true, max: BODY_MAX })
    ?? (validate(values.body, availablePlaceholders(template), uiLocale).message || null);
  if (body) errors.body = body;
  return errors;
}
