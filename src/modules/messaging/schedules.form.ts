// The form that plans a mail relative to the event: read and validated at the edge.
import { field, fieldList } from '../../platform/http/form.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { LEVELS } from '../../platform/germany.js';
import type { RegistrationStatus } from '../registration/registration.types.js';
import { ADMITTED_ONLY, type NewSchedule, SCHEDULED_TEMPLATES, SCHEDULE_STATUSES } from './schedules.service.js';
import type { ScheduledTemplate } from './schedules.tables.js';

export const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
export type Unit = keyof typeof UNITS;
export const RELATIONS = ['before_start', 'after_start', 'after_end'] as const;
export type Relation = (typeof RELATIONS)[number];
const MAX_OFFSET_MINUTES = 60 * 1440;

export interface ScheduleFormValues {
  template: string;
  amount: string;
  unit: string;
  relation: string;
  statuses: string[];
  levels: string[];
}

export const DEFAULT_SCHEDULE_FORM: ScheduleFormValues = { template: 'access_link', amount: '24', unit: 'hours', relation: 'before_start', statuses: ['admitted'], levels: [] };

export function readScheduleForm(body: unknown): ScheduleFormValues {
  return {
    template: field(body, 'template'), amount: field(body, 'amount').trim(), unit: field(body, 'unit'), relation: field(body, 'relation'),
    statuses: fieldList(body, 'statuses'), levels: fieldList(body, 'levels'),
  };
}

export function validateScheduleForm(values: ScheduleFormValues, t: Messages): { schedule?: NewSchedule; errors: FieldErrors } {
  const s = t.schedules;
  const errors: FieldErrors = {};
  const template = (SCHEDULED_TEMPLATES as readonly string[]).includes(values.template) ? (values.template as ScheduledTemplate) : null;
  if (!template) errors.template = s.invalidChoice;
  const amount = /^\d{1,3}$/.test(values.amount) ? Number(values.amount) : NaN;
  if (Number.isNaN(amount)) errors.amount = s.amountRange;
  const unit = values.unit in UNITS ? (values.unit as Unit) : null;
  if (!unit) errors.unit = s.invalidChoice;
  const relation = (RELATIONS as readonly string[]).includes(values.relation) ? (values.relation as Relation) : null;
  if (!relation) errors.relation = s.invalidChoice;
  if (!errors.amount && unit && amount * UNITS[unit] > MAX_OFFSET_MINUTES) errors.amount = s.tooFar;

  const statuses = values.statuses.filter((v) => (SCHEDULE_STATUSES as readonly string[]).includes(v)) as RegistrationStatus[];
  if (statuses.length !== values.statuses.length) errors.statuses = s.invalidChoice;
  else if (statuses.length === 0) errors.statuses = s.statusesRequired;
  else if (template && ADMITTED_ONLY.includes(template) && statuses.some((st) => st !== 'admitted')) errors.statuses = s.admittedOnly;
  const levels = values.levels.filter((v) => (LEVELS as readonly string[]).includes(v));
  if (levels.length !== values.levels.length) errors.levels = s.invalidChoice;

  if (Object.keys(errors).length > 0 || !template || !unit || !relation) return { errors };
  const minutes = amount * UNITS[unit];
  return {
    schedule: {
      template, anchor: relation === 'after_end' ? 'end' : 'start', offsetMinutes: relation === 'before_start' ? -minutes : minutes,
      statuses: [...new Set(statuses)], levels: [...new Set(levels)],
    },
    errors,
  };
}

/** "24 Stunden vor Beginn": the largest unit that divides the offset. */
export function describeOffset(t: Messages, anchor: 'start' | 'end', offsetMinutes: number): string {
  const s = t.schedules;
  if (offsetMinutes === 0) return anchor === 'start' ? s.atStart : s.atEnd;
  const minutes = Math.abs(offsetMinutes);
  // Whole days from two days on; "24 Stunden" reads better than "1 Tag" for the usual access link.
  const amount = minutes % 1440 === 0 && minutes >= 2880 ? s.units.days(minutes / 1440) : minutes % 60 === 0 ? s.units.hours(minutes / 60) : s.units.minutes(minutes);
  const relation: Relation = anchor === 'end' ? 'after_end' : offsetMinutes < 0 ? 'before_start' : 'after_start';
  return `${amount} ${s.relations[relation]}`;
}
