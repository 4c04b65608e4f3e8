// Markdown for organizer-written content. Raw HTML in the source is shown as text (html: false)
// and markdown-it refuses javascript:, vbscript: and data: links, so the output is safe to embed.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Links to other sites open in the same tab (WCAG: no surprise windows) but leak no referrer.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx]?.attrGet('href') ?? '';
  if (/^https?:\/\//i.test(href)) tokens[idx]?.attrSet('rel', 'noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * The gender star ("Bürger*innen", "Kooperationspartner*innen") is everyday German in public
 * administration. Two of them in a paragraph would otherwise become emphasis, so a star between a
 * letter and a lower-case letter stays a star. (Emphasis inside a word is not a German habit.)
 */
const GENDER_STAR = /(?<=\p{L})\*(?=\p{Ll})/gu;
const isLetter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);
const isLowerCase = (ch: string | undefined) => ch !== undefined && /\p{Ll}/u.test(ch);
md.inline.ruler.before('emphasis', 'gender_star', (state, silent) => {
  const pos = state.pos;
  if (state.src[pos] !== '*' || !isLetter(state.src[pos - 1]) || !isLowerCase(state.src[pos + 1])) return false;
  if (!silent) state.push('text', '', 0).content = '*';
  state.pos = pos + 1;
  return true;
});

export function markdownToHtml(source: string): string {
  return md.render(source);
}

/** Markdown reduced to plain text, for meta descriptions, JSON-LD and calendar files. */
export function markdownToText(source: string): string {
  return source
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(GENDER_STAR, '\u0000')
    .replace(/[*_`#>]+/g, '')
    .replace(/\u0000/g, '*')
    .replace(/^\s*[-+]\s+/gm, '– ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Text that Markdown shows as typed, for exports of what people wrote: emphasis, code, links and
 * HTML escaped anywhere, list and heading marks at the start of the text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, '\\$1').replace(/^([#+-])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}
