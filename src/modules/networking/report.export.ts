// The outcome report as files to keep and pass on: Markdown (for wikis and minutes) and PDF (for
// the files of a public body). Both hold exactly what the report page shows — no names.
import { escapeMarkdown, markdownToText } from '../../platform/html/markdown.js';
import type { Messages } from '../../platform/i18n/index.js';
import type { PdfBlock } from '../../platform/pdf.js';
import { renderPdf } from '../../platform/pdf.js';
import type { OutcomeReport } from './report.service.js';

/** Each line of an entry stays its own line inside the list item. */
const item = (text: string) => `- ${text.split('\n').map((line) => escapeMarkdown(line)).join('  \n  ')}`;

export function reportMarkdown(title: string, report: OutcomeReport, t: Messages, asOf: string): string {
  const o = t.outcomes;
  // The summary is the organizers' own Markdown and stays as written.
  const lines = [`# ${escapeMarkdown(o.title(title))}`, '', o.generated(asOf), ''];
  if (report.settings.summary) lines.push(report.settings.summary, '');
  lines.push(report.groups.length === 0 ? o.empty : o.intro(report.groups.length, report.entryCount), '');
  for (const group of report.groups) {
    lines.push(`## ${o.group(group.roundNumber, group.groupNumber)}`, '', `*${escapeMarkdown(group.prompt)}*`, '');
    for (const section of group.sections) {
      lines.push(`### ${escapeMarkdown(t.networking.sections[section.section]!)}`, '', ...section.entries.map((e) => item(e.text)), '');
    }
  }
  return lines.join('\n');
}

export function reportPdf(title: string, report: OutcomeReport, t: Messages, locale: string, asOf: string): Buffer {
  const o = t.outcomes;
  const blocks: PdfBlock[] = [
    { kind: 'title', text: o.title(title) },
    { kind: 'note', text: o.generated(asOf) },
  ];
  // The summary is Markdown; in the PDF it is shown as its text.
  if (report.settings.summary) blocks.push(...markdownToText(report.settings.summary).split(/\n{2,}/).map((p): PdfBlock => ({ kind: 'paragraph', text: p })));
  blocks.push({ kind: 'paragraph', text: report.groups.length === 0 ? o.empty : o.intro(report.groups.length, report.entryCount) });
  for (const group of report.groups) {
    blocks.push({ kind: 'heading', text: o.group(group.roundNumber, group.groupNumber) }, { kind: 'note', text: group.prompt });
    for (const section of group.sections) {
      blocks.push({ kind: 'subheading', text: t.networking.sections[section.section]! }, ...section.entries.map((e): PdfBlock => ({ kind: 'item', text: e.text })));
    }
  }
  return renderPdf({ title: o.title(title), language: locale, blocks, footer: o.footer });
}
