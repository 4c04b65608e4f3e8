// The Atom feed (RFC 4287) of new public practices, /practices.atom. Written by hand: a handful
// of elements, every text escaped.
import type { Practice } from './community.types.js';
import { teaser } from './views/PracticesPage.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML, dropping characters XML 1.0 does not allow at all. */
export function xmlText(value: string): string {
  return value
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch]!);
}

export function practicesFeed(practices: Practice[], options: { baseUrl: string; title: string; now: Date }): string {
  const base = options.baseUrl.replace(/\/$/, '');
  const updated = practices.reduce((latest, p) => (p.updatedAt > latest ? p.updatedAt : latest), practices[0]?.updatedAt ?? options.now);
  const entries = practices.map((p) => {
    const url = `${base}/practices/${p.slug}`;
    const authors = p.labs.length > 0 ? p.labs.map((l) => `<author><name>${xmlText(l.name)}</name></author>`).join('') : '<author><name>LabCamp</name></author>';
    return [
      '<entry>',
      `<id>${xmlText(url)}</id>`,
      `<title>${xmlText(p.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      `<published>${(p.publishedAt ?? p.createdAt).toISOString()}</published>`,
      `<updated>${p.updatedAt.toISOString()}</updated>`,
      authors,
      ...p.topics.map((t) => `<category term="${xmlText(t)}"/>`),
      `<summary>${xmlText(teaser(p.problem, 500))}</summary>`,
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlText(`${base}/practices`)}</id>`,
    `<title>${xmlText(options.title)}</title>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(`${base}/practices.atom`)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(`${base}/practices`)}"/>`,
    `<updated>${updated.toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
