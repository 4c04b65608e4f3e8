// All questions of an event for the record after the meeting: CSV for spreadsheets and Markdown
// for minutes. Names appear as participants saw them (anonymous stays anonymous).
import { csvDocument } from '../../platform/csv-write.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { Question } from './qa.service.js';
import { escapeMarkdown } from '../../platform/html/markdown.js';

export interface ExportContext {
  t: Messages;
  /** The agenda item's title in the reader's language ('general' for null). */
  itemTitle: (id: number | null) => string;
  time: (d: Date) => string;
}

export function questionsCsv(questions: Question[], c: ExportContext): string {
  const x = c.t.qaAdmin.columns;
  return csvDocument([
    [x.item, x.question, x.author, x.votes, x.state, x.answered, x.reply, x.asked],
    ...questions.map((q) => [c.itemTitle(q.agendaItemId), q.text, q.authorName ?? c.t.qa.anonymousName, q.votes, c.t.qaAdmin.states[q.state]!, q.answered ? c.t.qaAdmin.yes : c.t.qaAdmin.no, q.reply ?? '', c.time(q.createdAt)]),
  ]);
}

const md = escapeMarkdown;

export function questionsMarkdown(title: string, questions: Question[], c: ExportContext): string {
  const groups = new Map<number | null, Question[]>();
  for (const q of questions.filter((q) => q.state === 'visible')) groups.set(q.agendaItemId, [...(groups.get(q.agendaItemId) ?? []), q]);
  const lines = [`# ${md(c.t.qa.title(title))}`, ''];
  for (const [item, list] of groups) {
    lines.push(`## ${md(c.itemTitle(item))}`, '');
    for (const q of list) {
      lines.push(`- ${md(q.text)} — ${md(q.authorName ?? c.t.qa.anonymousName)}, ${c.t.qaAdmin.votes(q.votes)}${q.answered ? `, ${c.t.qaAdmin.answeredLower}` : ''}`);
      if (q.reply) lines.push(`  - ${md(c.t.qa.reply)}: ${md(q.reply)}`);
    }
    lines.push('');
  }
  if (groups.size === 0) lines.push(c.t.qaAdmin.noQuestions, '');
  return lines.join('\n');
}
