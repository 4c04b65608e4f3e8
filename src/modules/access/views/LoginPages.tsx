import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, Notice, TextField } from '../../../platform/html/components.js';

/**
 * The login link shows a button instead of signing in on GET: mail scanners open links in mails,
 * and a single-use link that a scanner used up would lock the organizer out.
 */
export function LoginConfirmPage({ ctx, token }: { ctx: PageContext; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.admin.loginTitle} area="admin">
      <div class="page-narrow">
        <h1>{t.admin.loginTitle}</h1>
        <p>{t.admin.loginLinkText}</p>
        <form method="post" action={`/admin/login/${token}`}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <Button type="submit">{t.admin.loginButton}</Button>
        </form>
      </div>
    </Layout>
  );
}

export function LoginInfoPage({ ctx, invalid }: { ctx: PageContext; invalid: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.admin.loginTitle} area="admin">
      <div class="page-narrow">
        <h1>{t.admin.loginTitle}</h1>
        {invalid ? <Notice kind="error" role="alert">{t.admin.loginInvalid}</Notice> : <p>{t.admin.loginRequired}</p>}
        <p><a href="/admin/login">{t.login.submit}</a></p>
      </div>
    </Layout>
  );
}

/**
 * The sign-in page: e-mail and password, and below it the request for a one-time link by mail.
 * A failed sign-in gets one message for every cause (wrong address, wrong password, locked).
 */
export function PasswordLoginPage({ ctx, email, failed, linkSent }: { ctx: PageContext; email: string; failed: boolean; linkSent: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.admin.loginTitle} area="admin">
      <div class="page-narrow">
        <h1>{t.admin.loginTitle}</h1>
        {linkSent ? <Notice kind="success" role="status">{t.login.linkSent}</Notice> : null}
        <p>{t.login.intro}</p>
        {failed ? <div id="login-error"><Notice kind="error" role="alert">{t.login.failed}</Notice></div> : null}
        <form method="post" action="/admin/login" aria-describedby={failed ? 'login-error' : undefined}>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="email" type="email" label={t.login.email} value={email} autocomplete="username" required maxLength={320} spellcheck={false} />
          <TextField name="password" type="password" label={t.login.password} autocomplete="current-password" required maxLength={200} />
          <Button type="submit">{t.login.submit}</Button>
        </form>
        <h2>{t.login.linkTitle}</h2>
        <p>{t.login.linkIntro}</p>
        <form method="post" action="/admin/login/link">
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="link_email" type="email" label={t.login.email} autocomplete="username" required maxLength={320} spellcheck={false} />
          <Button type="submit" kind="secondary">{t.login.linkSubmit}</Button>
        </form>
      </div>
    </Layout>
  );
}

/** The second step of signing in: the code from the authenticator app. */
export function TotpCodePage({ ctx, error, recoveryError, expired }: { ctx: PageContext; error?: string | undefined; recoveryError?: string | undefined; expired?: boolean }) {
  const m = ctx.t.totp;
  return (
    <Layout ctx={ctx} title={m.codeTitle} area="admin">
      <div class="page-narrow">
        <h1>{m.codeTitle}</h1>
        {expired ? (
          <>
            <Notice kind="warning" role="alert"><p>{m.expired}</p></Notice>
            <p><a href="/admin/login">{m.restart}</a></p>
          </>
        ) : (
          <>
            <p>{m.codeIntro}</p>
            <form method="post" action="/admin/login/code" novalidate>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <TotpCodeField ctx={ctx} error={error} />
              <Button type="submit">{m.submit}</Button>
            </form>
            {/* The way in without the phone: one of the recovery codes, in its own form. */}
            <details class="recovery" open={recoveryError ? true : undefined}>
              <summary>{m.lostApp}</summary>
              <form method="post" action="/admin/login/code" novalidate>
                <CsrfField token={ctx.csrfToken ?? ''} />
                <TextField name="recovery" label={m.recoveryLabel} hint={m.recoveryHint} value="" error={recoveryError} required maxLength={20} autocomplete="off" spellcheck={false} />
                <Button kind="secondary" type="submit">{m.recoverySubmit}</Button>
              </form>
            </details>
          </>
        )}
      </div>
    </Layout>
  );
}

/** A six-digit code field that phones fill from the authenticator app (one-time-code). */
export function TotpCodeField({ ctx, error, name = 'code' }: { ctx: PageContext; error?: string | undefined; name?: string }) {
  const m = ctx.t.totp;
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={`field-${name}`}>{m.code}</label>
      <p class="field__hint" id={`hint-${name}`}>{m.codeHint}</p>
      {error ? <p class="field__error" id={`error-${name}`}>{error}</p> : null}
      <input class="field__input field__input--short" id={`field-${name}`} name={name} type="text" inputMode="numeric" autoComplete="one-time-code"
        pattern="[0-9 ]*" maxLength={8} required aria-required="true" aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `hint-${name} error-${name}` : `hint-${name}`} />
    </div>
  );
}
