import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, Notice } from '../../../platform/html/components.js';

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
      </div>
    </Layout>
  );
}
