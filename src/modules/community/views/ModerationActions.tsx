import type { PageContext } from '../../../platform/html/page-context.js';
import { Button, CsrfField } from '../../../platform/html/components.js';
import type { PracticeStatus } from '../community.types.js';

/** The moderator's buttons on an item's page: one small form per status it may move to. */
export function ModerationButtons({ ctx, action, moves }: { ctx: PageContext; action: string; moves: PracticeStatus[] }) {
  const p = ctx.t.community.practice;
  const label: Record<PracticeStatus, string> = { published: p.publish, unpublished: p.unpublish, draft: p.toDraft, review: p.submit };
  return (
    <>
      {moves.map((status) => (
        <form method="post" action={action} class="inline-form">
          <CsrfField token={ctx.csrfToken ?? ''} />
          <input type="hidden" name="status" value={status} />
          <Button kind={status === 'published' ? 'primary' : 'secondary'}>{label[status]}</Button>
        </form>
      ))}
    </>
  );
}
