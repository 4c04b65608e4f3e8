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

export function markdownToHtml(source: string): string {
  return md.render(source);
}

/** Markdown reduced to plain text, for meta descriptions, JSON-LD and calendar files. */
export function markdownToText(source: string): string {
  return source
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
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
