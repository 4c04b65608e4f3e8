// Two-factor sign-in on the account: set up with a fresh secret (link or key to type), or turn off.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField } from '../../../platform/html/components.js';
import { TotpCodeField } from './LoginPages.js';

export function TotpSetupPage({ ctx, on, secret, uri, error, renewError, left }: {
  ctx: PageContext; on: boolean; secret?: string | undefined; uri?: string | undefined; error?: string | undefined;
  /** A wrong code for new recovery codes (shown at that form's field). */
  renewError?: string | undefined;
  /** Unused recovery codes (when on). */
  left?: number | undefined;
}) {
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
            <h2>{m.recoveryTitle}</h2>
            <p>{m.recoveryLeft(left ?? 0)}</p>
            <p>{m.renewHint}</p>
            <form method="post" action="/admin/account/totp/recovery-codes" novalidate>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <TotpCodeField ctx={ctx} error={renewError} name="renew_code" />
              <Button kind="secondary">{m.renew}</Button>
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

/** The ten recovery codes, shown once after turning two-factor sign-in on or renewing them. */
export function RecoveryCodesPage({ ctx, codes }: { ctx: PageContext; codes: string[] }) {
  const m = ctx.t.totp;
  return (
    <Layout ctx={ctx} title={m.recoveryTitle} area="admin">
      <div class="page-narrow">
        <h1>{m.recoveryTitle}</h1>
        <p>{m.recoveryIntro}</p>
        <ul class="recovery-codes">
          {codes.map((code) => <li><code>{code}</code></li>)}
        </ul>
        <p><a class="button button--primary" href="/admin/account?done=totp-on">{m.recoveryDone}</a></p>
      </div>
    </Layout>
  );
}
