// The placeholders a mail can fill, with what each one becomes: beside every mail editor.
import type { PageContext } from '../../../platform/html/page-context.js';
import type { Placeholder } from '../placeholders.js';

export function PlaceholderList({ ctx, placeholders, note }: { ctx: PageContext; placeholders: readonly Placeholder[]; note?: string | undefined }) {
  const m = ctx.t.mailTemplates;
  return (
    <aside class="template-editor__aside" aria-labelledby="placeholders-heading">
      <h2 id="placeholders-heading">{m.placeholders}</h2>
      <dl class="placeholder-list">
        {placeholders.map((p) => (
          <>
            <dt><code>{`{${p}}`}</code></dt>
            <dd>{m.placeholderHelp[p]}</dd>
          </>
        ))}
      </dl>
      {note ? <p class="muted">{note}</p> : null}
    </aside>
  );
}
