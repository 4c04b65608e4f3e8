import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, Markdown, Notice } from '../../../platform/html/components.js';
import type { Challenge, PracticeStatus, Practice } from '../community.types.js';
import { PracticeList } from './PracticesPage.js';
import { VoteButton } from './ChallengesPage.js';
import { ModerationButtons } from './ModerationActions.js';

export function ChallengePage({ ctx, challenge, practices, voted, canVote, canEdit, moves, notice }: {
  ctx: PageContext; challenge: Challenge; practices: Practice[]; voted: boolean; canVote: boolean; canEdit: boolean; moves: PracticeStatus[]; notice?: string | undefined;
}) {
  const c = ctx.t.community;
  return (
    <Layout ctx={ctx} title={challenge.title} description={challenge.description.slice(0, 160)}>
      <p><a href="/challenges">← {c.challenges.back}</a></p>
      {notice ? <Notice kind="success" role="status">{notice}</Notice> : null}
      <h1>{challenge.title}</h1>
      <p class="card__meta">
        {challenge.status !== 'published' ? <><Badge kind={challenge.status === 'review' ? 'warning' : 'neutral'}>{c.statuses[challenge.status]}</Badge> </> : null}
        {c.challenges.votes(challenge.votes)} · {c.visibilities[challenge.visibility]}
      </p>
      {challenge.topics.length > 0 ? <ul class="tags" aria-label={c.practice.topics}>{challenge.topics.map((topic) => <li class="tag"><a href={`/challenges?topic=${encodeURIComponent(topic)}`}>{topic}</a></li>)}</ul> : null}
      <Markdown source={challenge.description} />
      {canVote && challenge.status === 'published' ? <p><VoteButton ctx={ctx} challenge={challenge} voted={voted} /></p> : null}
      <section aria-labelledby="practices-heading">
        <h2 id="practices-heading">{c.challenges.practices}</h2>
        {practices.length === 0 ? <p>{c.challenges.noPractices}</p> : <PracticeList ctx={ctx} practices={practices} headingLevel={3} />}
      </section>
      {canEdit || moves.length > 0 ? (
        <section aria-labelledby="actions-heading" class="panel">
          <h2 id="actions-heading">{moves.length > 0 ? c.practice.moderation : c.challenges.edit}</h2>
          <div class="button-row">
            {canEdit ? <a class="button button--secondary" href={`/challenges/${challenge.slug}/edit`}>{c.challenges.edit}</a> : null}
            <ModerationButtons ctx={ctx} action={`/admin/community/challenges/${challenge.id}/status`} moves={moves} />
          </div>
        </section>
      ) : null}
    </Layout>
  );
}
