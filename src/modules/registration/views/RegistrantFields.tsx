// The fields a registrant fills in, shared by the public form, the personal page and (later)
// the organizers' manual registration.
import type { PageContext } from '../../../platform/html/page-context.js';
import { ChoiceGroup, CheckboxField, type FieldErrors, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import { LAENDER, LAND_CODES, LEVELS } from '../../../platform/germany.js';
import { LIMITS, type FormValues, localizedLabel, questionField } from '../registration.form.js';
import type { Question } from '../registration.types.js';

/** The label of every field that can have an error, in the order of the form (the error summary follows it). */
export function errorLabels(ctx: PageContext, questions: Question[]): Record<string, string> {
  const r = ctx.t.registration;
  return {
    name: r.name, email: r.email, organisation: r.organisation, level: r.level, land: r.land, role: r.role,
    ...Object.fromEntries(questions.map((q) => [questionField(q), localizedLabel(q.label, ctx.locale)])),
    privacy: r.consent,
  };
}

/** `headingLevel`: 3 where the fields sit inside a section that already has an h2 (the personal page). */
export function RegistrantFields({ ctx, values, errors, questions, knownLabs, withEmail, headingLevel = 2 }: {
  ctx: PageContext; values: FormValues; errors: FieldErrors; questions: Question[]; knownLabs: string[]; withEmail: boolean; headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const r = ctx.t.registration;
  const { locale } = ctx;
  return (
    <>
      <TextField name="name" label={r.name} value={values.name} error={errors.name} required autocomplete="name" maxLength={LIMITS.name} />
      {withEmail ? (
        <TextField name="email" type="email" label={r.email} hint={r.emailHint} value={values.email} error={errors.email} required autocomplete="email" maxLength={LIMITS.email} spellcheck={false} />
      ) : null}
      <TextField name="organisation" label={r.organisation} hint={r.organisationHint} value={values.organisation} error={errors.organisation} required autocomplete="organization" maxLength={LIMITS.organisation} list="known-labs" />
      <datalist id="known-labs">{knownLabs.map((lab) => <option value={lab} />)}</datalist>
      <ChoiceGroup
        name="level" legend={r.level} type="radio" inline required error={errors.level} selected={[values.level]}
        options={LEVELS.map((level) => ({ value: level, label: r.levels[level] ?? level }))}
      />
      <SelectField
        name="land" label={r.land} value={values.land} error={errors.land}
        options={[{ value: '', label: r.landNone }, ...LAND_CODES.map((code) => ({ value: code, label: LAENDER[code][locale] }))]}
      />
      <TextField name="role" label={r.role} hint={r.roleHint} value={values.role} error={errors.role} autocomplete="organization-title" maxLength={LIMITS.role} />
      {questions.length > 0 ? (
        <div class="form-section">
          <Heading>{r.questions}</Heading>
          {questions.map((q) => <QuestionField ctx={ctx} question={q} value={values.answers[q.id]} error={errors[questionField(q)]} />)}
        </div>
      ) : null}
    </>
  );
}

function QuestionField({ ctx, question, value, error }: { ctx: PageContext; question: Question; value: string | string[] | undefined; error: string | undefined }) {
  const name = questionField(question);
  const label = localizedLabel(question.label, ctx.locale);
  const hint = localizedLabel(question.help, ctx.locale) || undefined;
  const selected = Array.isArray(value) ? value : value ? [value] : [];
  const text = Array.isArray(value) ? value.join(', ') : (value ?? '');
  switch (question.kind) {
    case 'short_text':
      return <TextField name={name} label={label} hint={hint} value={text} error={error} required={question.required} maxLength={LIMITS.shortText} />;
    case 'long_text':
      return <TextArea name={name} label={label} hint={hint} value={text} error={error} required={question.required} rows={4} maxLength={LIMITS.longText} />;
    case 'yes_no':
      return <ChoiceGroup name={name} legend={label} hint={hint} type="radio" inline required={question.required} error={error} selected={selected}
        options={[{ value: 'yes', label: ctx.t.registration.yes }, { value: 'no', label: ctx.t.registration.no }]} />;
    case 'single_choice':
    case 'multiple_choice':
      return <ChoiceGroup name={name} legend={label} hint={hint} type={question.kind === 'single_choice' ? 'radio' : 'checkbox'} required={question.required} error={error} selected={selected}
        options={question.options.map((o) => ({ value: o.value, label: localizedLabel(o.label, ctx.locale) }))} />;
  }
}

export function ConsentFields({ ctx, values, errors }: { ctx: PageContext; values: FormValues; errors: FieldErrors }) {
  const r = ctx.t.registration;
  return (
    <div class="form-section">
      <h2>{r.consent}</h2>
      <CheckboxField name="privacy" label={r.privacy} checked={values.privacy} error={errors.privacy} required>
        <p class="field__hint choice__after"><a href="/datenschutz" target="_blank" rel="noopener">{r.privacyLink}</a></p>
      </CheckboxField>
      <CheckboxField name="listed" label={r.listed} checked={values.listed} />
    </div>
  );
}
