// Two-factor sign-in on the account: set up with a fresh secret (link or key to type), or turn off.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField } from '../../../platform/html/components.js';
import { TotpCodeField } from './LoginPages.js';

export function TotpSetupPage({ ctx, on, secret, uri, error }: { ctx: PageContext; on: boolean; secret?: string | undefined; uri?: string | undefined; error?: string | undefined }) {
  const m = ctx.t.totp;
  // The key in groups of four, as apps show it and people type it.
  const grouped = secret?.match(/.{1,4}/g)?.join(' ') ?? '';
  return (
    <Layout ctx={ctx} title={on ? m.section : m.setupTitle} area="admin">
      <div class="page-narrow">
        <p><a href="/admin/account">← {ctx.t.account.title}</a></p>
        <h1>{on ? m.section : m.setupTitle}</h1>
        {on ? (
          <>
            <p>{m.on}</p>
            <p>{m.disableHint}</p>
            <form method="post" action="/admin/account/totp/disable" novalidate>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <TotpCodeField ctx={ctx} error={error} />
              <Button kind="secondary">{m.disable}</Button>
            </form>
          </>
        ) : (
          <>
            <p>{m.setupIntro}</p>
            {uri ? <p><a href={uri}>{m.link}</a></p> : null}
            <p>{m.secret}: <code class="totp-secret">{grouped}</code></p>
            <form method="post" action="/admin/account/totp" novalidate>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <input type="hidden" name="secret" value={secret ?? ''} />
              <TotpCodeField ctx={ctx} error={error} />
              <Button>{m.enable}</Button>
            </form>
          </>
        )}
      </div>
    </Layout>
  );
}
