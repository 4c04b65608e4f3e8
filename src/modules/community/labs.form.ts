// The lab form of the back office (and the columns of the lab CSV import): read, check, convert.
import type { Messages } from '../../platform/i18n/index.js';
import { checkText, field, isEmailAddress, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { isLandCode, isLevel, type LandCode, type Level } from '../../platform/germany.js';
import { parseTopics, slugify, webUrl } from './community.text.js';
import type { Lab } from './community.types.js';

export const LAB_FIELDS = ['name', 'slug', 'level', 'land', 'city', 'parent_body', 'website', 'founded', 'topics', 'description', 'team', 'contact_email', 'contact_public'] as const;
export type LabValues = Record<(typeof LAB_FIELDS)[number], string>;

export const LAB_LIMITS = { name: 200, city: 100, parent_body: 200, description: 5000, team: 1000, topics: 600 } as const;

/** A lab as a form or an import row gives it: everything but what the directory keeps itself. */
export type LabInput = Omit<Lab, 'id' | 'status' | 'updatedAt'>;

export const EMPTY_LAB: LabValues = Object.fromEntries(LAB_FIELDS.map((f) => [f, ''])) as LabValues;

export function readLabForm(body: unknown): LabValues {
  const values = { ...EMPTY_LAB };
  for (const name of LAB_FIELDS) values[name] = normalizeText(field(body, name)).trim();
  return values;
}

export function labValues(lab: Lab): LabValues {
  return {
    name: lab.name, slug: lab.slug, level: lab.level, land: lab.land ?? '', city: lab.city, parent_body: lab.parentBody,
    website: lab.website ?? '', founded: lab.founded ? String(lab.founded) : '', topics: lab.topics.join(', '),
    description: lab.description, team: lab.team, contact_email: lab.contactEmail ?? '', contact_public: lab.contactPublic ? '1' : '',
  };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const YES = new Set(['1', 'on', 'ja', 'yes', 'true', 'x']);

/** Checks every field; `input` only when there is no error. An empty slug is made from the name. */
export function validateLab(values: LabValues, t: Messages, thisYear: number): { errors: FieldErrors; input?: LabInput } {
  const c = t.community.labForm;
  const errors: FieldErrors = {};
  const set = (name: string, error: string | null) => { if (error) errors[name] = error; };
  set('name', checkText(values.name, t, { required: true, max: LAB_LIMITS.name }));
  const slug = values.slug === '' ? slugify(values.name) : values.slug.toLowerCase();
  set('slug', slug.length <= 80 && SLUG.test(slug) ? null : c.slugInvalid);
  set('level', isLevel(values.level) ? null : c.levelInvalid);
  const land = values.land.toUpperCase();
  set('land', land === '' || isLandCode(land) ? null : c.landInvalid);
  set('city', checkText(values.city, t, { max: LAB_LIMITS.city }));
  set('parent_body', checkText(values.parent_body, t, { max: LAB_LIMITS.parent_body }));
  const website = values.website === '' ? null : webUrl(values.website);
  set('website', values.website !== '' && !website ? c.urlInvalid : null);
  const founded = values.founded === '' ? null : Number(values.founded);
  set('founded', founded === null || (Number.isInteger(founded) && founded >= 1950 && founded <= thisYear) ? null : c.foundedInvalid(thisYear));
  const topics = parseTopics(values.topics);
  set('topics', checkText(values.topics, t, { max: LAB_LIMITS.topics }) ?? (topics ? null : c.topicsInvalid));
  set('description', checkText(values.description, t, { max: LAB_LIMITS.description }));
  set('team', checkText(values.team, t, { max: LAB_LIMITS.team }));
  const contact = values.contact_email.toLowerCase();
  set('contact_email', contact === '' || isEmailAddress(contact) ? null : t.validation.invalidEmail);
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: {
      slug, name: values.name, level: values.level as Level, land: land === '' ? null : (land as LandCode), city: values.city,
      parentBody: values.parent_body, website, founded, topics: topics!, description: values.description, team: values.team,
      contactEmail: contact === '' ? null : contact, contactPublic: contact !== '' && YES.has(values.contact_public.toLowerCase()),
    },
  };
}
