// The signed-in organizer's own account: name, password, personal API tokens.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, DataTable, ErrorSummary, type FieldErrors, Notice, TextField } from '../../../platform/html/components.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import type { ApiTokenInfo } from '../access.api-tokens.js';
import { API_TOKEN_NAME_MAX } from '../access.api-tokens.js';
import { PASSWORD_LIMITS } from '../access.passwords.js';

export interface AccountView {
  name: string;
  email: string;
  hasPassword: boolean;
  /** Two-factor sign-in is on. */
  totp: boolean;
  tokens: ApiTokenInfo[];
  now: Date;
  notice?: string | undefined;
  /** A token just created: shown this once. */
  newToken?: string | undefined;
  errors?: FieldErrors;
  values?: { name?: string; tokenName?: string; tokenExpires?: string };
}

function Moment({ at, locale }: { at: string | null; locale: PageContext['locale'] }) {
  if (!at) return null;
  const date = new Date(at);
  return <time dateTime={at}>{formatShortDate(date, 'Europe/Berlin', locale)} {formatTime(date, 'Europe/Berlin', locale)}</time>;
}

export function AccountPage({ ctx, view }: { ctx: PageContext; view: AccountView }) {
  const { t, locale } = ctx;
  const a = t.account;
  const errors = view.errors ?? {};
  const csrf = <CsrfField token={ctx.csrfToken ?? ''} />;
  const labels = {
    name: a.name, current_password: a.currentPassword, new_password: a.newPassword, confirm_password: a.confirmPassword,
    token_name: a.tokenName, token_expires: a.tokenExpires,
  };
  const state = (token: ApiTokenInfo) =>
    token.revokedAt ? a.states.revoked : token.expiresAt && new Date(token.expiresAt) <= view.now ? a.states.expired : a.states.active;
  return (
    <Layout ctx={ctx} title={a.title} area="admin">
      <div class="page-narrow">
        <h1>{a.title}</h1>
        {view.notice ? <Notice kind="success" role="status">{view.notice}</Notice> : null}
        {view.newToken ? (
          <Notice kind="success" role="status">
            <p>{a.tokenCreated}</p>
            <p><code class="secret" id="new-token">{view.newToken}</code></p>
          </Notice>
        ) : null}
        <ErrorSummary errors={errors} title={t.errors.formSummary} labels={labels} />

        <h2>{a.profile}</h2>
        <p>{a.email(view.email)}</p>
        <form method="post" action="/admin/account/name" novalidate>
          {csrf}
          <TextField name="name" label={a.name} value={view.values?.name ?? view.name} error={errors.name} required maxLength={200} autocomplete="name" />
          <Button type="submit" kind="secondary">{a.saveName}</Button>
        </form>

        <h2>{a.passwordTitle}</h2>
        {view.hasPassword ? null : <p>{a.passwordNone}</p>}
        <form method="post" action="/admin/account/password" novalidate>
          {csrf}
          {/* Helps password managers pair the new password with the account. */}
          <input type="hidden" name="username" value={view.email} autoComplete="username" />
          {view.hasPassword
            ? <TextField name="current_password" type="password" label={a.currentPassword} error={errors.current_password} required autocomplete="current-password" maxLength={PASSWORD_LIMITS.max} />
            : null}
          <TextField name="new_password" type="password" label={a.newPassword} hint={a.newPasswordHint(PASSWORD_LIMITS.min, PASSWORD_LIMITS.max)} error={errors.new_password} required autocomplete="new-password" maxLength={PASSWORD_LIMITS.max} />
          <TextField name="confirm_password" type="password" label={a.confirmPassword} error={errors.confirm_password} required autocomplete="new-password" maxLength={PASSWORD_LIMITS.max} />
          <Button type="submit">{a.savePassword}</Button>
        </form>

        <h2>{t.totp.section}</h2>
        <p>{view.totp ? t.totp.on : t.totp.off}</p>
        <p><a class="button button--secondary" href="/admin/account/totp">{view.totp ? t.totp.disable : t.totp.start}</a></p>

        <h2>{a.tokensTitle}</h2>
        <p>{a.tokensIntro}</p>
        {view.tokens.length === 0 ? <p>{a.noTokens}</p> : (
          <DataTable caption={a.tokensTitle} head={[a.columns.name, a.columns.created, a.columns.expires, a.columns.lastUsed, a.columns.status, a.columns.action]}>
            {view.tokens.map((token) => (
              <tr>
                <td>{token.name}</td>
                <td><Moment at={token.createdAt} locale={locale} /></td>
                <td>{token.expiresAt ? <Moment at={token.expiresAt} locale={locale} /> : a.unlimited}</td>
                <td>{token.lastUsedAt ? <Moment at={token.lastUsedAt} locale={locale} /> : a.never}</td>
                <td>{state(token)}</td>
                <td>
                  {token.revokedAt ? null : (
                    <form method="post" action={`/admin/account/tokens/${token.id}/revoke`} class="inline-form">
                      {csrf}
                      <button type="submit" class="button button--secondary" aria-label={a.revokeLabel(token.name)}>{a.revoke}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <form method="post" action="/admin/account/tokens" novalidate>
          {csrf}
          <TextField name="token_name" label={a.tokenName} hint={a.tokenNameHint} value={view.values?.tokenName} error={errors.token_name} required maxLength={API_TOKEN_NAME_MAX} />
          <TextField name="token_expires" type="date" label={a.tokenExpires} hint={a.tokenExpiresHint} value={view.values?.tokenExpires} error={errors.token_expires} />
          <Button type="submit">{a.createToken}</Button>
        </form>
      </div>
    </Layout>
  );
}
