import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import {
  Badge, Button, ButtonLink, CheckboxField, CsrfField, DataTable, ErrorSummary, type FieldErrors, Notice, SelectField, TextArea, TextField,
} from '../../../platform/html/components.js';
import { LAENDER, LAND_CODES, LEVELS } from '../../../platform/germany.js';
import { formatShortDate } from '../../../platform/time.js';
import type { Challenge, Lab, Practice } from '../community.types.js';
import { LAB_LIMITS, type LabValues } from '../labs.form.js';
import type { LabImportRow } from '../labs.import.js';

/** A row's status button; `subject` (the practice or lab) completes its name for screen readers, as in the other back-office tables. */
function StatusForm({ ctx, action, status, label, subject, kind = 'secondary' }: { ctx: PageContext; action: string; status: string; label: string; subject: string; kind?: 'primary' | 'secondary' }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField token={ctx.csrfToken ?? ''} />
      <input type="hidden" name="status" value={status} />
      <Button kind={kind}>{label} <span class="visually-hidden">({subject})</span></Button>
    </form>
  );
}

/** A practice or a challenge, as the moderation tables list them. */
interface Shared {
  kind: 'practice' | 'challenge';
  id: number;
  slug: string;
  title: string;
  status: Practice['status'];
  visibility: Practice['visibility'];
  updatedAt: Date;
}

const pathOf = (item: Shared) => (item.kind === 'practice' ? `/practices/${item.slug}` : `/challenges/${item.slug}`);
const statusAction = (item: Shared) => `/admin/community/${item.kind === 'practice' ? 'practices' : 'challenges'}/${item.id}/status`;

export function CommunityAdminPage({ ctx, practices, challenges, labs, notice }: {
  ctx: PageContext; practices: Practice[]; challenges: Challenge[]; labs: Lab[]; notice?: string | undefined;
}) {
  const c = ctx.t.community;
  const a = c.admin;
  const shared = (kind: Shared['kind'], items: Array<Practice | Challenge>): Shared[] =>
    items.map(({ id, slug, title, status, visibility, updatedAt }) => ({ kind, id, slug, title, status, visibility, updatedAt }));
  const inReview = [...shared('practice', practices), ...shared('challenge', challenges)].filter((item) => item.status === 'review')
    .sort((x, y) => x.updatedAt.getTime() - y.updatedAt.getTime());
  const date = (d: Date) => formatShortDate(d, 'Europe/Berlin', ctx.locale);
  const kindLabel = (item: Shared) => (item.kind === 'practice' ? a.kindPractice : a.kindChallenge);
  const table = (caption: string, items: Shared[]) => (
    <DataTable caption={caption} head={[a.columns.title, a.columns.status, a.columns.visibility, a.columns.updated]}>
      {items.map((item) => (
        <tr>
          <td><a href={pathOf(item)}>{item.title}</a></td>
          <td><Badge kind={item.status === 'review' ? 'warning' : item.status === 'published' ? 'open' : 'neutral'}>{c.statuses[item.status]}</Badge></td>
          <td>{c.visibilities[item.visibility]}</td>
          <td>{date(item.updatedAt)}</td>
        </tr>
      ))}
    </DataTable>
  );
  return (
    <Layout ctx={ctx} title={a.title} area="admin">
      <h1>{a.title}</h1>
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <div class="button-row">
        <ButtonLink href="/practices/new" kind="secondary">{a.newPractice}</ButtonLink>
        <ButtonLink href="/challenges/new" kind="secondary">{a.newChallenge}</ButtonLink>
        <ButtonLink href="/admin/community/labs/new" kind="secondary">{a.newLab}</ButtonLink>
        <ButtonLink href="/admin/community/labs/import" kind="secondary">{a.importLabs}</ButtonLink>
      </div>
      <section aria-labelledby="review-heading">
        <h2 id="review-heading">{a.review} ({inReview.length})</h2>
        {inReview.length === 0 ? <p>{a.reviewEmpty}</p> : (
          <DataTable caption={a.review} head={[a.columns.title, a.columns.kind, a.columns.visibility, a.columns.updated, a.columns.actions]}>
            {inReview.map((item) => (
              <tr>
                <td><a href={pathOf(item)}>{item.title}</a></td>
                <td>{kindLabel(item)}</td>
                <td>{c.visibilities[item.visibility]}</td>
                <td>{date(item.updatedAt)}</td>
                <td><StatusForm ctx={ctx} action={statusAction(item)} status="published" label={c.practice.publish} subject={item.title} kind="primary" /></td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-labelledby="practices-heading">
        <h2 id="practices-heading">{a.practices} ({practices.length})</h2>
        {table(a.practices, shared('practice', practices))}
      </section>
      <section aria-labelledby="challenges-heading">
        <h2 id="challenges-heading">{a.challenges} ({challenges.length})</h2>
        {challenges.length === 0 ? null : table(a.challenges, shared('challenge', challenges))}
      </section>
      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading">{a.labs} ({labs.length})</h2>
        <DataTable caption={a.labs} head={[a.columns.name, a.columns.level, a.columns.land, a.columns.actions]}>
          {labs.map((lab) => (
            <tr>
              <td><a href={`/labs/${lab.slug}`}>{lab.name}</a>{lab.status === 'hidden' ? <> <Badge>{a.hidden}</Badge></> : null}</td>
              <td>{c.levels[lab.level]}</td>
              <td>{lab.land ? LAENDER[lab.land][ctx.locale] : ''}</td>
              <td>
                <a href={`/admin/community/labs/${lab.slug}/edit`}>{a.edit} <span class="visually-hidden">({lab.name})</span></a>{' '}
                <StatusForm ctx={ctx} action={`/admin/community/labs/${lab.slug}/status`} status={lab.status === 'hidden' ? 'published' : 'hidden'} label={lab.status === 'hidden' ? a.show : a.hide} subject={lab.name} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
    </Layout>
  );
}

export function labLabels(ctx: PageContext): Record<string, string> {
  const f = ctx.t.community.labForm;
  return {
    name: f.name, slug: f.slug, level: f.level, land: f.land, city: f.city, parent_body: f.parentBody, website: f.website, founded: f.founded,
    topics: f.topics, description: f.description, team: f.team, contact_email: f.contactEmail,
  };
}

export function LabFormPage({ ctx, values, errors, lab }: { ctx: PageContext; values: LabValues; errors: FieldErrors; lab?: Lab | undefined }) {
  const c = ctx.t.community;
  const f = c.labForm;
  const title = lab ? f.editTitle(lab.name) : f.newTitle;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <div class="page-narrow">
        <p><a href="/admin/community">← {c.admin.title}</a></p>
        <h1>{title}</h1>
        <ErrorSummary errors={errors} title={ctx.t.errors.formSummary} labels={labLabels(ctx)} />
        <form method="post" action={lab ? `/admin/community/labs/${lab.slug}/edit` : '/admin/community/labs/new'} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextField name="name" label={f.name} value={values.name} error={errors.name} required maxLength={LAB_LIMITS.name} />
          <TextField name="slug" label={f.slug} hint={f.slugHint} value={values.slug} error={errors.slug} maxLength={80} />
          <SelectField name="level" label={f.level} value={values.level} error={errors.level} required
            options={[{ value: '', label: '' }, ...LEVELS.map((l) => ({ value: l, label: c.levels[l]! }))]} />
          <SelectField name="land" label={f.land} value={values.land} error={errors.land}
            options={[{ value: '', label: f.landNone }, ...LAND_CODES.map((code) => ({ value: code, label: LAENDER[code][ctx.locale] }))]} />
          <TextField name="city" label={f.city} value={values.city} error={errors.city} maxLength={LAB_LIMITS.city} />
          <TextField name="parent_body" label={f.parentBody} value={values.parent_body} error={errors.parent_body} maxLength={LAB_LIMITS.parent_body} />
          <TextField name="website" label={f.website} type="url" value={values.website} error={errors.website} maxLength={300} />
          <TextField name="founded" label={f.founded} value={values.founded} error={errors.founded} maxLength={4} />
          <TextField name="topics" label={f.topics} hint={f.topicsHint} value={values.topics} error={errors.topics} maxLength={LAB_LIMITS.topics} />
          <TextArea name="description" label={f.description} hint={f.descriptionHint} value={values.description} error={errors.description} rows={6} />
          <TextArea name="team" label={f.team} value={values.team} error={errors.team} rows={3} />
          <TextField name="contact_email" label={f.contactEmail} type="email" value={values.contact_email} error={errors.contact_email} maxLength={254} />
          <CheckboxField name="contact_public" label={f.contactPublic} checked={values.contact_public !== ''} />
          <div class="form-actions"><Button>{f.save}</Button></div>
        </form>
      </div>
    </Layout>
  );
}

export function LabImportPage({ ctx, text, rows, problem, notice, existing = new Set() }: {
  ctx: PageContext; text: string; rows?: LabImportRow[] | undefined; problem?: string | undefined; notice?: string | undefined; existing?: ReadonlySet<string>;
}) {
  const c = ctx.t.community;
  const i = c.labImport;
  const labels = labLabels(ctx);
  const ready = rows !== undefined && rows.every((r) => r.input);
  return (
    <Layout ctx={ctx} title={i.title} area="admin">
      <p><a href="/admin/community">← {c.admin.title}</a></p>
      <h1>{i.title}</h1>
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      {problem ? <div class="error-summary" role="alert"><p>{problem}</p></div> : null}
      {rows && !ready ? <Notice kind="error" role="alert">{i.hasErrors}</Notice> : null}
      {rows ? (
        <DataTable caption={i.preview} head={[i.line, labels.name!, labels.slug!, i.outcome]}>
          {rows.map((row) => (
            <tr>
              <td class="numeric">{row.line}</td>
              <td>{row.values.name}</td>
              <td>{row.input?.slug ?? row.values.slug}</td>
              <td>
                {row.input ? i.ok(existing.has(row.input.slug) ? i.update : i.create) : (
                  <ul class="plain-list">
                    {Object.entries(row.errors).map(([name, message]) => <li>{`${labels[name] ?? name}: ${message}`}</li>)}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <p>{i.intro}</p>
      <form method="post" action="/admin/community/labs/import" novalidate>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <TextArea name="text" label={i.text} value={text} rows={10} />
        <div class="button-row">
          <Button kind={ready ? 'secondary' : 'primary'} name="step" value="preview">{i.preview}</Button>
          {ready ? <Button name="step" value="apply">{i.apply(rows!.length)}</Button> : null}
        </div>
      </form>
    </Layout>
  );
}
