import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, MultiSelectField, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { Lab, Practice } from '../community.types.js';
import { PRACTICE_LIMITS, type PracticeValues } from '../practices.form.js';

export function practiceLabels(ctx: PageContext): Record<string, string> {
  const f = ctx.t.community.practiceForm;
  return {
    title: f.title, problem: f.problem, approach: f.approach, results: f.results, adapt: f.adapt, effort: f.effort,
    contact: f.contact, topics: f.topics, links: f.links, labs: f.labs, visibility: f.visibility,
  };
}

export function PracticeFormPage({ ctx, values, errors, labs, practice, action }: {
  ctx: PageContext; values: PracticeValues; errors: FieldErrors; labs: Lab[]; practice?: Practice | undefined; action: string;
}) {
  const c = ctx.t.community;
  const f = c.practiceForm;
  const title = practice ? f.editTitle(practice.title) : f.newTitle;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="page-narrow">
        <p><a href={practice ? `/practices/${practice.slug}` : '/practices'}>← {practice ? practice.title : c.practice.back}</a></p>
        <h1>{title}</h1>
        {practice ? null : <p>{f.intro}</p>}
        <p class="muted">{ctx.t.registration.requiredNote}</p>
        <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={practiceLabels(ctx)} />
        <form method="post" action={action} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="title" label={f.title} value={values.title} error={errors.title} required maxLength={PRACTICE_LIMITS.title} />
          <TextArea name="problem" label={f.problem} hint={f.problemHint} value={values.problem} error={errors.problem} required rows={5} />
          <TextArea name="approach" label={f.approach} hint={f.approachHint} value={values.approach} error={errors.approach} required rows={8} />
          <TextArea name="results" label={f.results} value={values.results} error={errors.results} rows={5} />
          <TextArea name="adapt" label={f.adapt} hint={f.adaptHint} value={values.adapt} error={errors.adapt} rows={4} />
          <SelectField name="effort" label={f.effort} value={values.effort} error={errors.effort}
            options={[{ value: '', label: f.effortNone }, ...(['small', 'medium', 'large'] as const).map((e) => ({ value: e, label: c.efforts[e]! }))]} />
          <TextField name="topics" label={f.topics} hint={f.topicsHint} value={values.topics} error={errors.topics} maxLength={PRACTICE_LIMITS.topics} />
          <MultiSelectField name="labs" label={f.labs} hint={f.labsHint} values={values.labs} error={errors.labs}
            options={labs.map((lab) => ({ value: String(lab.id), label: lab.name }))} />
          <TextArea name="contact" label={f.contact} hint={f.contactHint} value={values.contact} error={errors.contact} rows={2} />
          <TextArea name="links" label={f.links} hint={f.linksHint} value={values.links} error={errors.links} rows={3} />
          <ChoiceGroup name="visibility" legend={f.visibility} type="radio" selected={[values.visibility]} error={errors.visibility} required
            options={[{ value: 'community', label: c.visibilities.community! }, { value: 'public', label: c.visibilities.public! }]} />
          <div class="form-actions">
            <Button>{practice ? f.saveChanges : f.save}</Button>
          </div>
        </form>
      </div>
    </Layout>
  );
}
