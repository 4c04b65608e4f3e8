// The practice form (/practices/new, editing, the back office): read, check, convert.
import type { Messages } from '../../platform/i18n/index.js';
import { checkText, field, fieldList, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { parseTopics, webUrl } from './community.text.js';
import { EFFORTS, type Practice, type PracticeEffort, type Visibility } from './community.types.js';

export const PRACTICE_LIMITS = { title: 200, problem: 5000, approach: 10000, results: 5000, adapt: 5000, contact: 500, topics: 600, links: 2000 } as const;
export const LINKS_MAX = 10;
export const PRACTICE_LABS_MAX = 5;

export interface PracticeValues {
  title: string;
  problem: string;
  approach: string;
  results: string;
  adapt: string;
  effort: string;
  contact: string;
  topics: string;
  links: string;
  visibility: string;
  labs: string[];
}

/** A practice as its form gives it: the texts, and the labs by id. */
export type PracticeInput = Pick<Practice, 'title' | 'problem' | 'approach' | 'results' | 'adapt' | 'effort' | 'contact' | 'topics' | 'links' | 'visibility'> & { labIds: number[] };

export const EMPTY_PRACTICE: PracticeValues = {
  title: '', problem: '', approach: '', results: '', adapt: '', effort: '', contact: '', topics: '', links: '', visibility: 'community', labs: [],
};

const TEXT_FIELDS = ['title', 'problem', 'approach', 'results', 'adapt', 'effort', 'contact', 'topics', 'links', 'visibility'] as const;

export function readPracticeForm(body: unknown): PracticeValues {
  const values = { ...EMPTY_PRACTICE };
  for (const name of TEXT_FIELDS) values[name] = normalizeText(field(body, name)).trim();
  values.labs = fieldList(body, 'labs').slice(0, 50);
  return values;
}

export function practiceValues(p: Practice): PracticeValues {
  return {
    title: p.title, problem: p.problem, approach: p.approach, results: p.results, adapt: p.adapt, effort: p.effort ?? '',
    contact: p.contact, topics: p.topics.join(', '), links: p.links.join('\n'), visibility: p.visibility, labs: p.labs.map((l) => String(l.id)),
  };
}

/** Checks the fields; `knownLabIds` are the labs one may name. `input` only when nothing is wrong. */
export function validatePractice(values: PracticeValues, t: Messages, knownLabIds: ReadonlySet<number>): { errors: FieldErrors; input?: PracticeInput } {
  const c = t.community.practiceForm;
  const errors: FieldErrors = {};
  const set = (name: string, error: string | null) => { if (error) errors[name] = error; };
  set('title', checkText(values.title, t, { required: true, max: PRACTICE_LIMITS.title }));
  set('problem', checkText(values.problem, t, { required: true, max: PRACTICE_LIMITS.problem }));
  set('approach', checkText(values.approach, t, { required: true, max: PRACTICE_LIMITS.approach }));
  set('results', checkText(values.results, t, { max: PRACTICE_LIMITS.results }));
  set('adapt', checkText(values.adapt, t, { max: PRACTICE_LIMITS.adapt }));
  set('effort', values.effort === '' || (EFFORTS as readonly string[]).includes(values.effort) ? null : c.effortInvalid);
  set('contact', checkText(values.contact, t, { max: PRACTICE_LIMITS.contact }));
  const topics = parseTopics(values.topics);
  set('topics', checkText(values.topics, t, { max: PRACTICE_LIMITS.topics }) ?? (topics ? null : c.topicsInvalid));
  const lines = values.links.split('\n').map((l) => l.trim()).filter(Boolean);
  const links = lines.map(webUrl);
  set('links', checkText(values.links, t, { max: PRACTICE_LIMITS.links })
    ?? (lines.length > LINKS_MAX ? c.tooManyLinks(LINKS_MAX) : links.some((l) => l === null) ? c.linkInvalid : null));
  set('visibility', values.visibility === 'community' || values.visibility === 'public' ? null : c.visibilityInvalid);
  const labIds = [...new Set(values.labs.map(Number))];
  set('labs', labIds.length > PRACTICE_LABS_MAX ? c.tooManyLabs(PRACTICE_LABS_MAX) : labIds.every((id) => knownLabIds.has(id)) ? null : c.labInvalid);
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: {
      title: values.title, problem: values.problem, approach: values.approach, results: values.results, adapt: values.adapt,
      effort: values.effort === '' ? null : (values.effort as PracticeEffort), contact: values.contact, topics: topics!,
      links: links as string[], visibility: values.visibility as Visibility, labIds,
    },
  };
}
