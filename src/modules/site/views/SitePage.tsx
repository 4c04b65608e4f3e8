import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Markdown } from '../../../platform/html/components.js';
import { type LocalizedText, pickLocalized } from '../../../platform/i18n/index.js';

export function SitePage({ ctx, title, body, children }: { ctx: PageContext; title: string; body: LocalizedText; children?: ComponentChildren }) {
  const content = pickLocalized(body, ctx.locale);
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <h1>{title}</h1>
        <Markdown source={content.text} lang={content.locale === ctx.locale ? undefined : content.locale} />
        {children}
      </div>
    </Layout>
  );
}
