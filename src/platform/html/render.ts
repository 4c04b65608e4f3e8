// The only way HTML leaves the server: Preact components rendered to a string.
// Preact escapes text and attribute values; the one raw path is <Markdown>, whose HTML comes
// from markdown-it with raw HTML disabled.
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

export function renderDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

/** A part of a page, for scripts that replace that part with the server's current rendering. */
export function renderFragment(part: VNode): string {
  return render(part);
}

/** JSON for a <script type="application/ld+json"> block: `<` escaped so it cannot close the tag. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
