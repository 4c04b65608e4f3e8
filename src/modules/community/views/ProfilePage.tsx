import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CheckboxField, CsrfField, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { Lab } from '../community.types.js';
import { MemberSignInLink } from './SignInPage.js';

export interface ProfileValues {
  name: string;
  lab: string;
  findable: boolean;
  about: string;
}

export function ProfilePage({ ctx, values, errors, labs, notice, askLeave = false }: {
  ctx: PageContext; values: ProfileValues; errors: FieldErrors; labs: Lab[]; notice?: string | undefined;
  /** Show the confirmation step of leaving (deleting the profile cannot be undone). */
  askLeave?: boolean;
}) {
  const m = ctx.t.community.member;
  return (
    <Layout ctx={ctx} title={m.profile}>
      <div class="page-narrow">
        {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
        <h1>{m.profile}</h1>
        <p>{m.profileIntro}</p>
        <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={{ name: m.name, lab: m.lab, about: m.about }} />
        <form method="post" action="/community/profile" novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="name" label={m.name} value={values.name} error={errors.name} required maxLength={200} autocomplete="name" />
          <SelectField name="lab" label={m.lab} hint={m.labHint} value={values.lab} error={errors.lab}
            options={[{ value: '', label: m.labNone }, ...labs.map((lab) => ({ value: String(lab.id), label: lab.name }))]} />
          <TextArea name="about" label={m.about} value={values.about} error={errors.about} rows={3} maxLength={500} />
          <CheckboxField name="findable" label={m.findable} checked={values.findable} />
          <div class="form-actions"><Button>{m.save}</Button></div>
        </form>
        <p>
          <a href="/community/members">{ctx.t.community.contact.members}</a> · <a href="/practices">{ctx.t.community.nav.practices}</a> ·{' '}
          <a href="/challenges">{ctx.t.community.nav.challenges}</a> · <a href="/labs">{ctx.t.community.nav.labs}</a>
        </p>
        <div class="button-row">
          <form method="post" action="/community/logout" class="inline-form">
            <CsrfField token={ctx.csrfToken ?? ''} />
            <Button kind="secondary">{m.signOut}</Button>
          </form>
        </div>
        <section aria-labelledby="leave-heading" class="panel">
          <h2 id="leave-heading">{m.leave}</h2>
          <p>{m.leaveHint}</p>
          {askLeave ? (
            <form method="post" action="/community/leave">
              <CsrfField token={ctx.csrfToken ?? ''} />
              <p><strong>{m.leaveQuestion}</strong></p>
              <div class="form-actions">
                <Button name="confirm" value="yes">{m.leaveConfirm}</Button>
                <a href="/community/profile">{m.keep}</a>
              </div>
            </form>
          ) : <p><a class="button button--secondary" href="/community/profile?leave=1#leave-heading">{m.leave}</a></p>}
        </section>
      </div>
    </Layout>
  );
}

export function CommunityMessagePage({ ctx, title, text, kind = 'info', signInLink = false }: {
  ctx: PageContext; title: string; text: string; kind?: 'info' | 'success' | 'warning';
  /** For visitors who may already be members: the way to a sign-in link. */
  signInLink?: boolean;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <h1>{title}</h1>
        <Notice kind={kind} role="status"><p>{text}</p></Notice>
        {signInLink ? <MemberSignInLink ctx={ctx} /> : null}
        <p><a href="/practices">{ctx.t.community.nav.practices}</a> · <a href="/labs">{ctx.t.community.nav.labs}</a></p>
      </div>
    </Layout>
  );
}
