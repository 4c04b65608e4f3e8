// Thematic rounds: a round's topics are the options of a choice question of the event's
// registration form ("Welche Themen interessieren euch?"), and each person's topics are their
// answer to it — given when registering, changed on the personal page or in the live room until
// the round starts. The scheduler then groups people who chose the same topic (issue #6).
import type { Db } from '../../platform/db/database.js';
import type { LocalizedText } from '../../platform/i18n/index.js';
import { type Locale, pickLocalized } from '../../platform/i18n/locale.js';
import { insertAnswers, questionsFor, storedAnswer } from '../registration/registration.repo.js';
import { MAX_TOPICS } from './scheduler/instance.js';

export interface Topic {
  value: string;
  label: LocalizedText;
}

export interface Theme {
  questionId: number;
  /** The question's text, e.g. "Welche Themen interessieren euch?". */
  label: LocalizedText;
  topics: Topic[];
  /** Multiple choice: a person may choose several topics; single choice: one. */
  multiple: boolean;
}

/** The event's questions that can give a round its topics: single or multiple choice, 2 to MAX_TOPICS options. */
export async function themesOf(db: Db, eventId: number): Promise<Theme[]> {
  return (await questionsFor(db, eventId))
    .filter((q) => (q.kind === 'single_choice' || q.kind === 'multiple_choice') && q.options.length >= 2 && q.options.length <= MAX_TOPICS)
    .map((q) => ({ questionId: q.id, label: q.label, topics: q.options, multiple: q.kind === 'multiple_choice' }));
}

/**
 * The scheduler knows topics as strings; two questions may share an option value ("daten"), so
 * each is named by its question too.
 */
export const plannerTopic = (questionId: number, value: string) => `${questionId}:${value}`;
export const topicValue = (plannerName: string) => plannerName.slice(plannerName.indexOf(':') + 1);

/** Each person's chosen topics among `questionIds`, as planner names (registration id → names). */
export async function chosenTopics(db: Db, questionIds: number[], registrationIds: number[]): Promise<Map<number, string[]>> {
  const chosen = new Map<number, string[]>();
  if (questionIds.length === 0 || registrationIds.length === 0) return chosen;
  const rows = await db.selectFrom('registration_answers as a').innerJoin('registration_questions as q', 'q.id', 'a.question_id')
    .select(['a.registration_id', 'a.question_id', 'a.value', 'q.kind'])
    .where('a.question_id', 'in', questionIds).where('a.registration_id', 'in', registrationIds).execute();
  for (const row of rows) {
    const list = chosen.get(row.registration_id) ?? [];
    for (const value of [storedAnswer(row.kind, row.value)].flat()) list.push(plannerTopic(row.question_id, value));
    chosen.set(row.registration_id, list);
  }
  return chosen;
}

/** The label of topic `value` of `theme` in `locale`; null in a mixed round. */
export function topicLabel(theme: Theme | null, value: string | null, locale: Locale): string | null {
  if (!theme || value === null) return null;
  const topic = theme.topics.find((t) => t.value === value);
  return topic ? pickLocalized(topic.label, locale).text : value;
}

/** A question's (or topic's) text in `locale`. */
export const inLocale = (text: LocalizedText, locale: Locale) => pickLocalized(text, locale).text;

/**
 * A participant's new choice of topics (from the live room): only the theme's own values, one at
 * most for a single-choice question. Returns the values to store, or null when the input is not a
 * choice of this theme.
 */
export function readChoice(theme: Theme, values: string[]): string[] | null {
  const allowed = new Set(theme.topics.map((t) => t.value));
  const unique = [...new Set(values)];
  if (unique.some((v) => !allowed.has(v))) return null;
  if (!theme.multiple && unique.length > 1) return null;
  return unique;
}

/** Stores a participant's topics as their answer to the theme's question (no answer when empty). */
export async function saveChoice(db: Db, registrationId: number, theme: Theme, values: string[]): Promise<void> {
  await db.deleteFrom('registration_answers').where('registration_id', '=', registrationId).where('question_id', '=', theme.questionId).execute();
  await insertAnswers(db, registrationId, { [theme.questionId]: theme.multiple ? values : values[0] ?? '' });
}
