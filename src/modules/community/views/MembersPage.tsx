import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, CsrfField, ErrorSummary, Notice, TextArea } from '../../../platform/html/components.js';
import type { Member } from '../community.types.js';
import { CONTACT_MAX } from '../contact.service.js';

type Listed = Pick<Member, 'id' | 'name' | 'about'> & { lab: { name: string; slug: string } | null };

export function MembersPage({ ctx, members, self, canWrite }: { ctx: PageContext; members: Listed[]; self: number | null; canWrite: boolean }) {
  const k = ctx.t.community.contact;
  return (
    <Layout ctx={ctx} title={k.members}>
      <h1>{k.members}</h1>
      <p class="lead">{k.membersIntro}</p>
      {members.length === 0 ? <p>{k.noMembers}</p> : (
        <ul class="card-list">
          {members.map((m) => (
            <li class="card">
              <h2 class="card__title">{m.name}{m.id === self ? ` ${k.you}` : ''}</h2>
              {m.lab ? <p class="card__meta"><a href={`/labs/${m.lab.slug}`}>{m.lab.name}</a></p> : null}
              {m.about ? <p>{m.about}</p> : null}
              {canWrite && m.id !== self ? <p><a href={`/community/members/${m.id}/contact`} aria-label={k.writeTo(m.name)}>{k.write}</a></p> : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ContactPage({ ctx, to, text, error, sent }: { ctx: PageContext; to: Pick<Member, 'id' | 'name'>; text: string; error?: string | undefined; sent: boolean }) {
  const k = ctx.t.community.contact;
  return (
    <Layout ctx={ctx} title={k.title(to.name)}>
      <div class="page-narrow">
        <p><a href="/community/members">← {k.back}</a></p>
        <h1>{k.title(to.name)}</h1>
        {sent ? <Notice kind="success" role="status">{k.sent}</Notice> : null}
        <p>{k.intro}</p>
        <ErrorSummary errors={{ message: error }} title={ctx.t.errors.formSummary} labels={{ message: k.message }} />
        <form method="post" action={`/community/members/${to.id}/contact`} novalidate>
          <CsrfField token={ctx.csrfToken ?? ''} />
          <TextArea name="message" label={k.message} value={text} error={error} required rows={8} maxLength={CONTACT_MAX} />
          <div class="form-actions"><Button>{k.send}</Button></div>
        </form>
      </div>
    </Layout>
  );
}
