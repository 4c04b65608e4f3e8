import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, MultiSelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { Challenge, Practice } from '../community.types.js';
import { CHALLENGE_LIMITS, type ChallengeValues } from '../challenges.form.js';

export function ChallengeFormPage({ ctx, values, errors, challenge, linkable }: {
  ctx: PageContext; values: ChallengeValues; errors: FieldErrors; challenge?: Challenge | undefined; linkable: Practice[] | null;
}) {
  const c = ctx.t.community;
  const f = c.challengeForm;
  const title = challenge ? f.editTitle(challenge.title) : f.newTitle;
  const labels = { title: f.title, description: f.description, topics: f.topics, visibility: f.visibility, practices: f.practices };
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <p><a href={challenge ? `/challenges/${challenge.slug}` : '/challenges'}>← {challenge ? challenge.title : c.challenges.back}</a></p>
        <h1>{title}</h1>
        {challenge ? null : <p>{f.intro}</p>}
        <p class="muted">{ctx.t.registration.requiredNote}</p>
        <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={labels} />
        <form method="post" action={challenge ? `/challenges/${challenge.slug}/edit` : '/challenges/new'} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="title" label={f.title} value={values.title} error={errors.title} required maxLength={CHALLENGE_LIMITS.title} />
          <TextArea name="description" label={f.description} hint={f.descriptionHint} value={values.description} error={errors.description} required rows={8} />
          <TextField name="topics" label={f.topics} hint={f.topicsHint} value={values.topics} error={errors.topics} maxLength={CHALLENGE_LIMITS.topics} />
          <ChoiceGroup name="visibility" legend={f.visibility} type="radio" selected={[values.visibility]} error={errors.visibility} required
            options={[{ value: 'community', label: c.visibilities.community! }, { value: 'public', label: c.visibilities.public! }]} />
          {linkable ? (
            <MultiSelectField name="practices" label={f.practices} hint={f.practicesHint} values={values.practices} error={errors.practices}
              options={linkable.map((p) => ({ value: String(p.id), label: p.title }))} />
          ) : null}
          <div class="form-actions"><Button>{challenge ? f.save : f.submit}</Button></div>
        </form>
      </div>
    </Layout>
  );
}
