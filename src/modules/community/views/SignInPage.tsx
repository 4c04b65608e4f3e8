// A member asks for a sign-in link by mail, and the page the link opens: a button, so that a mail
// scanner following links does not use up the link.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, ErrorSummary, Notice, TextField } from '../../../platform/html/components.js';
import { SIGN_IN_LINK_MINUTES } from '../member-sign-in.service.js';

/** For visitors who may already be members: the way to a sign-in link by mail. */
export function MemberSignInLink({ ctx }: { ctx: PageContext }) {
  return <p><a href="/community/sign-in">{ctx.t.community.member.alreadyMember}</a></p>;
}

export function SignInPage({ ctx, email, error, sent = false }: { ctx: PageContext; email: string; error?: string | undefined; sent?: boolean }) {
  const m = ctx.t.community.member;
  return (
    <Layout ctx={ctx} title={m.signInTitle}>
      <div class="page-narrow">
        <h1>{m.signInTitle}</h1>
        {sent ? <Notice kind="success" role="status"><p>{m.linkSent(SIGN_IN_LINK_MINUTES)}</p></Notice> : null}
        <p>{m.signInIntro(SIGN_IN_LINK_MINUTES)}</p>
        <ErrorSummary errors={error ? { email: error } : {}} title={ctx.t.errors.formSummary} labels={{ email: m.email }} />
        <form method="post" action="/community/sign-in" novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="email" type="email" label={m.email} value={email} error={error} required maxLength={254} autocomplete="email" spellcheck={false} />
          <Button>{m.sendLink}</Button>
        </form>
        <p class="muted">{m.notMemberYet}</p>
      </div>
    </Layout>
  );
}

export function SignInLinkPage({ ctx, token, valid }: { ctx: PageContext; token: string; valid: boolean }) {
  const m = ctx.t.community.member;
  return (
    <Layout ctx={ctx} title={m.signInTitle}>
      <div class="page-narrow">
        <h1>{m.signInTitle}</h1>
        {valid ? (
          <>
            <p>{m.linkPageIntro}</p>
            <form method="post" action={`/community/sign-in/${token}`}>
              <CsrfField token={ctx.csrfToken ?? ''} />
              <Button>{m.signInButton}</Button>
            </form>
          </>
        ) : (
          <>
            <Notice kind="warning" role="status"><p>{m.linkInvalid}</p></Notice>
            <p><a href="/community/sign-in">{m.newLink}</a></p>
          </>
        )}
      </div>
    </Layout>
  );
}
