import type { PageContext } from './page-context.js';
import { Layout } from './layout.js';

export function ErrorPage({ ctx, title, text, reference }: { ctx: PageContext; title: string; text: string; reference?: string | undefined }) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <h1>{title}</h1>
        <p>{text}</p>
        {reference ? <p class="muted">{ctx.t.errors.reference}: <code>{reference}</code></p> : null}
        <p><a href="/">{ctx.t.errors.backHome}</a></p>
      </div>
    </Layout>
  );
}
