import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, ButtonLink, Notice } from '../../../platform/html/components.js';
import { markdownToText } from '../../../platform/html/markdown.js';
import type { Practice } from '../community.types.js';
import { MemberSignInLink } from './SignInPage.js';

/** The first words of a Markdown text, as plain text, for a list entry. */
export function teaser(markdown: string, max = 220): string {
  const text = markdownToText(markdown).replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')} …`;
}

export function PracticeList({ ctx, practices, headingLevel = 2, showStatus = false }: { ctx: PageContext; practices: Practice[]; headingLevel?: 2 | 3; showStatus?: boolean }) {
  const c = ctx.t.community;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="card-list">
      {practices.map((p) => (
        <li class="card">
          <Heading class="card__title"><a href={`/practices/${p.slug}`}>{p.title}</a></Heading>
          <p class="card__meta">
            {[p.labs.map((l) => l.name).join(', '), p.visibility === 'community' ? c.visibilities.community : null].filter(Boolean).join(' · ')}
            {showStatus ? <> <Badge kind={p.status === 'review' ? 'warning' : 'neutral'}>{c.statuses[p.status]}</Badge></> : null}
          </p>
          <p>{teaser(p.problem)}</p>
          {p.topics.length > 0 ? <ul class="tags" aria-label={c.practice.topics}>{p.topics.map((topic) => <li class="tag">{topic}</li>)}</ul> : null}
        </li>
      ))}
    </ul>
  );
}

export function PracticesPage({ ctx, practices, drafts, q, topic, topics, canWrite, member }: {
  ctx: PageContext; practices: Practice[]; drafts: Practice[]; q: string; topic: string; topics: string[]; canWrite: boolean; member: boolean;
}) {
  const c = ctx.t.community;
  const searched = q !== '' || topic !== '';
  return (
    <Layout ctx={ctx} title={c.practices.title} description={c.practices.intro}
      head={<link rel="alternate" type="application/atom+xml" title={c.practices.feedTitle} href="/practices.atom" />}>
      <h1>{c.practices.title}</h1>
      <p class="lead">{c.practices.intro}</p>
      {canWrite ? <p class="cta"><ButtonLink href="/practices/new">{c.practices.write}</ButtonLink></p> : <Notice><p>{c.practices.joinHint}</p><MemberSignInLink ctx={ctx} /></Notice>}
      {member ? <p><a href="/community/profile">{c.nav.profile}</a></p> : null}
      <form method="get" action="/practices" class="filters" role="search">
        <div class="field filters__grow">
          <label class="field__label" for="practice-q">{c.practices.search}</label>
          <p class="field__hint" id="practice-q-hint">{c.practices.searchHint}</p>
          <input class="field__input" type="search" id="practice-q" name="q" value={q} maxLength={200} aria-describedby="practice-q-hint" />
        </div>
        <div class="field">
          <label class="field__label" for="practice-topic">{c.practices.topic}</label>
          <select class="field__input field__input--select" id="practice-topic" name="topic">
            <option value="">{c.practices.anyTopic}</option>
            {topics.map((t) => <option value={t} selected={t === topic}>{t}</option>)}
          </select>
        </div>
        <div class="filters__submit">
          <button type="submit" class="button button--primary">{c.practices.searchButton}</button>
        </div>
      </form>
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">{c.practices.yours}</h2>
          <PracticeList ctx={ctx} practices={drafts} headingLevel={3} showStatus />
        </section>
      ) : null}
      <section aria-labelledby="library-heading">
        {/* The count is the section's heading; role="status" on the h2 itself would replace its heading role. */}
        <div role="status"><h2 id="library-heading">{q ? c.practices.countFor(practices.length, q) : c.practices.count(practices.length)}</h2></div>
        {practices.length === 0 ? <p>{searched ? c.practices.none : c.practices.empty}</p> : <PracticeList ctx={ctx} practices={practices} headingLevel={3} />}
      </section>
      <p><a href="/practices.atom" type="application/atom+xml">{c.practices.feed}</a></p>
    </Layout>
  );
}
