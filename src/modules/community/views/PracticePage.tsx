import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, CsrfField, Markdown, Notice } from '../../../platform/html/components.js';
import { formatLongDate } from '../../../platform/time.js';
import type { Challenge, Practice, PracticeStatus } from '../community.types.js';
import { ModerationButtons } from './ModerationActions.js';

export interface PracticeActions {
  edit: boolean;
  submit: boolean;
  /** Statuses a moderator may move it to from here. */
  moderate: PracticeStatus[];
}

export function PracticePage({ ctx, practice, actions, notice, challenges = [] }: {
  ctx: PageContext; practice: Practice; actions: PracticeActions; notice?: string | undefined;
  /** Published challenges it helps with, that this reader may see. */
  challenges?: Challenge[];
}) {
  const c = ctx.t.community;
  const p = c.practice;
  const sections: Array<[string, string, string]> = [
    ['problem', p.problem, practice.problem], ['approach', p.approach, practice.approach], ['results', p.results, practice.results], ['adapt', p.adapt, practice.adapt],
  ];
  return (
    <Layout ctx={ctx} title={practice.title} description={practice.problem.slice(0, 160)}>
      <p><a href="/practices">← {p.back}</a></p>
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <h1>{practice.title}</h1>
      <p class="card__meta">
        {practice.status !== 'published' ? <><Badge kind={practice.status === 'review' ? 'warning' : 'neutral'}>{c.statuses[practice.status]}</Badge> </> : null}
        {practice.publishedAt && practice.status === 'published' ? `${p.published(formatLongDate(practice.publishedAt, 'Europe/Berlin', ctx.locale))} · ` : ''}
        {c.visibilities[practice.visibility]}
      </p>
      <dl class="facts">
        {practice.labs.length > 0 ? <div class="facts__row"><dt>{p.labs}</dt><dd>{practice.labs.map((lab, i) => <>{i > 0 ? ', ' : ''}<a href={`/labs/${lab.slug}`}>{lab.name}</a></>)}</dd></div> : null}
        {practice.effort ? <div class="facts__row"><dt>{p.effort}</dt><dd>{c.efforts[practice.effort]}</dd></div> : null}
        {practice.topics.length > 0 ? <div class="facts__row"><dt>{p.topics}</dt><dd><ul class="tags">{practice.topics.map((topic) => <li class="tag"><a href={`/practices?topic=${encodeURIComponent(topic)}`}>{topic}</a></li>)}</ul></dd></div> : null}
      </dl>
      {sections.filter(([, , text]) => text.trim() !== '').map(([key, heading, text]) => (
        <section aria-labelledby={`${key}-heading`}>
          <h2 id={`${key}-heading`}>{heading}</h2>
          <Markdown source={text} />
        </section>
      ))}
      {practice.contact ? <section aria-labelledby="contact-heading"><h2 id="contact-heading">{p.contact}</h2><p class="preserve-lines">{practice.contact}</p></section> : null}
      {practice.links.length > 0 ? (
        <section aria-labelledby="links-heading">
          <h2 id="links-heading">{p.links}</h2>
          <ul>{practice.links.map((url) => <li><a href={url} rel="noopener noreferrer">{url}</a></li>)}</ul>
        </section>
      ) : null}
      {challenges.length > 0 ? (
        <section aria-labelledby="challenges-heading">
          <h2 id="challenges-heading">{c.challenges.addressed}</h2>
          <ul>{challenges.map((ch) => <li><a href={`/challenges/${ch.slug}`}>{ch.title}</a></li>)}</ul>
        </section>
      ) : null}
      <Actions ctx={ctx} practice={practice} actions={actions} />
    </Layout>
  );
}

function Actions({ ctx, practice, actions }: { ctx: PageContext; practice: Practice; actions: PracticeActions }) {
  const c = ctx.t.community;
  const p = c.practice;
  if (!actions.edit && !actions.submit && actions.moderate.length === 0) return null;
  return (
    <section aria-labelledby="actions-heading" class="panel">
      <h2 id="actions-heading">{actions.moderate.length > 0 ? p.moderation : p.edit}</h2>
      {actions.submit ? <p>{p.submitHint}</p> : null}
      <div class="button-row">
        {actions.edit ? <a class="button button--secondary" href={`/practices/${practice.slug}/edit`}>{p.edit}</a> : null}
        {actions.submit ? (
          <form method="post" action={`/practices/${practice.slug}/submit`} class="inline-form">
            <CsrfField token={ctx.csrfToken ?? ''} />
            <Button>{p.submit}</Button>
          </form>
        ) : null}
        <ModerationButtons ctx={ctx} action={`/admin/community/practices/${practice.id}/status`} moves={actions.moderate} />
      </div>
    </section>
  );
}
