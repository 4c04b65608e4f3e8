import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Button, ButtonLink, CsrfField, Notice } from '../../../platform/html/components.js';
import type { Challenge } from '../community.types.js';
import { teaser } from './PracticesPage.js';
import { MemberSignInLink } from './SignInPage.js';

/** "We have this too" as a form (works without JavaScript); its label names the challenge. */
export function VoteButton({ ctx, challenge, voted }: { ctx: PageContext; challenge: Challenge; voted: boolean }) {
  const c = ctx.t.community.challenges;
  return (
    <form method="post" action={`/challenges/${challenge.slug}/vote`} class="inline-form">
      <CsrfField token={ctx.csrfToken ?? ''} />
      <input type="hidden" name="on" value={voted ? '0' : '1'} />
      <button type="submit" class={`button ${voted ? 'button--secondary' : 'button--primary'}`} aria-pressed={voted ? 'true' : 'false'}
        aria-label={voted ? c.unvoteLabel(challenge.title) : c.voteLabel(challenge.title)}>
        {voted ? c.unvote : c.vote}
      </button>
    </form>
  );
}

export function ChallengeList({ ctx, challenges, voted, canVote, showStatus = false }: { ctx: PageContext; challenges: Challenge[]; voted: Set<number>; canVote: boolean; showStatus?: boolean }) {
  const c = ctx.t.community;
  return (
    <ul class="card-list">
      {challenges.map((challenge) => (
        <li class="card">
          <h3 class="card__title"><a href={`/challenges/${challenge.slug}`}>{challenge.title}</a></h3>
          <p class="card__meta">
            {c.challenges.votes(challenge.votes)}
            {challenge.visibility === 'community' ? ` · ${c.visibilities.community}` : ''}
            {showStatus ? <> <Badge kind={challenge.status === 'review' ? 'warning' : 'neutral'}>{c.statuses[challenge.status]}</Badge></> : null}
          </p>
          <p>{teaser(challenge.description)}</p>
          {challenge.topics.length > 0 ? <ul class="tags" aria-label={c.practice.topics}>{challenge.topics.map((topic) => <li class="tag">{topic}</li>)}</ul> : null}
          {canVote && challenge.status === 'published' ? <VoteButton ctx={ctx} challenge={challenge} voted={voted.has(challenge.id)} /> : null}
        </li>
      ))}
    </ul>
  );
}

export function ChallengesPage({ ctx, challenges, pending, voted, canWrite, sort, topic, topics, notice }: {
  ctx: PageContext; challenges: Challenge[]; pending: Challenge[]; voted: Set<number>; canWrite: boolean; sort: 'votes' | 'new'; topic: string; topics: string[]; notice?: string | undefined;
}) {
  const c = ctx.t.community.challenges;
  return (
    <Layout ctx={ctx} title={c.title} description={c.intro}>
      <h1>{c.title}</h1>
      <p class="lead">{c.intro}</p>
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      {canWrite ? <p class="cta"><ButtonLink href="/challenges/new">{c.write}</ButtonLink></p> : <Notice><p>{c.joinHint}</p><MemberSignInLink ctx={ctx} /></Notice>}
      <form method="get" action="/challenges" class="filters">
        <div class="field">
          <label class="field__label" for="challenge-sort">{c.sort}</label>
          <select class="field__input field__input--select" id="challenge-sort" name="sort">
            <option value="votes" selected={sort === 'votes'}>{c.byVotes}</option>
            <option value="new" selected={sort === 'new'}>{c.newest}</option>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="challenge-topic">{c.topic}</label>
          <select class="field__input field__input--select" id="challenge-topic" name="topic">
            <option value="">{c.anyTopic}</option>
            {topics.map((t) => <option value={t} selected={t === topic}>{t}</option>)}
          </select>
        </div>
        <div class="filters__submit"><Button>{c.show}</Button></div>
      </form>
      {pending.length > 0 ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">{c.yours}</h2>
          <ChallengeList ctx={ctx} challenges={pending} voted={voted} canVote={false} showStatus />
        </section>
      ) : null}
      <section aria-labelledby="board-heading">
        <h2 id="board-heading">{c.count(challenges.length)}</h2>
        {challenges.length === 0 ? <p>{c.empty}</p> : <ChallengeList ctx={ctx} challenges={challenges} voted={voted} canVote={canWrite} />}
      </section>
    </Layout>
  );
}
