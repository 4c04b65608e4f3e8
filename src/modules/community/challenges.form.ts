// The challenge form (/challenges/new, editing): read, check, convert.
import type { Messages } from '../../platform/i18n/index.js';
import { checkText, field, fieldList, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { parseTopics } from './community.text.js';
import type { Challenge, Visibility } from './community.types.js';

export const CHALLENGE_LIMITS = { title: 200, description: 5000, topics: 600 } as const;
export const CHALLENGE_PRACTICES_MAX = 10;

export interface ChallengeValues {
  title: string;
  description: string;
  topics: string;
  visibility: string;
  practices: string[];
}

export interface ChallengeInput {
  title: string;
  description: string;
  topics: string[];
  visibility: Visibility;
  /** Only moderators link practices; undefined leaves the links as they are. */
  practiceIds?: number[] | undefined;
}

export const EMPTY_CHALLENGE: ChallengeValues = { title: '', description: '', topics: '', visibility: 'community', practices: [] };

export function readChallengeForm(body: unknown): ChallengeValues {
  return {
    title: normalizeText(field(body, 'title')).trim(), description: normalizeText(field(body, 'description')).trim(),
    topics: normalizeText(field(body, 'topics')).trim(), visibility: field(body, 'visibility'), practices: fieldList(body, 'practices').slice(0, 50),
  };
}

export function challengeValues(c: Challenge): ChallengeValues {
  return { title: c.title, description: c.description, topics: c.topics.join(', '), visibility: c.visibility, practices: c.practiceIds.map(String) };
}

/** `linkable`: the practices a moderator may link (null: this viewer links none). */
export function validateChallenge(values: ChallengeValues, t: Messages, linkable: ReadonlySet<number> | null): { errors: FieldErrors; input?: ChallengeInput } {
  const f = t.community.challengeForm;
  const errors: FieldErrors = {};
  const set = (name: string, error: string | null) => { if (error) errors[name] = error; };
  set('title', checkText(values.title, t, { required: true, max: CHALLENGE_LIMITS.title }));
  set('description', checkText(values.description, t, { required: true, max: CHALLENGE_LIMITS.description }));
  const topics = parseTopics(values.topics);
  set('topics', checkText(values.topics, t, { max: CHALLENGE_LIMITS.topics }) ?? (topics ? null : t.community.practiceForm.topicsInvalid));
  set('visibility', values.visibility === 'community' || values.visibility === 'public' ? null : t.community.practiceForm.visibilityInvalid);
  const practiceIds = [...new Set(values.practices.map(Number))];
  if (linkable) {
    set('practices', practiceIds.length > CHALLENGE_PRACTICES_MAX ? f.tooManyPractices(CHALLENGE_PRACTICES_MAX) : practiceIds.every((id) => linkable.has(id)) ? null : f.practiceInvalid);
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    input: { title: values.title, description: values.description, topics: topics!, visibility: values.visibility as Visibility, practiceIds: linkable ? practiceIds : undefined },
  };
}
