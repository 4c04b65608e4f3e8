// The team of one event: who is in it with which role, the roles explained, and for owners the
// forms to add people, change roles and remove people. Everyone may leave a team themselves.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Button, ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors, Notice, TextField } from '../../../platform/html/components.js';
import { formatShortDate } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';
import { EVENT_ROLES, type TeamMember } from '../team.service.js';

export interface AddMemberValues {
  email: string;
  name: string;
  role: string;
  language: string;
}

export interface TeamPageData {
  event: LabEvent;
  members: TeamMember[];
  /** The signed-in organizer. */
  me: number;
  canManage: boolean;
  /** Owners and organizers: the tabs behind the right to edit the event. */
  canEdit: boolean;
  notice?: { kind: 'success' | 'error'; text: string } | undefined;
  values: AddMemberValues;
  errors: FieldErrors;
}

function MemberActions({ ctx, base, member, data }: { ctx: PageContext; base: string; member: TeamMember; data: TeamPageData }) {
  const t = ctx.t.team;
  const self = member.organizerId === data.me;
  const csrf = <CsrfField token={ctx.csrfToken ?? ''} />;
  const removeLabel = self && !data.canManage ? t.leave : t.remove;
  return (
    <td class="row-actions">
      {data.canManage ? (
        <form method="post" action={`${base}/${member.organizerId}/role`} class="inline-form team-role-form">
          {csrf}
          <label class="visually-hidden" for={`member-role-${member.organizerId}`}>{t.roleOf(member.name)}</label>
          <select class="field__input field__input--select" id={`member-role-${member.organizerId}`} name="role">
            {EVENT_ROLES.map((role) => <option value={role} selected={role === member.role}>{t.roles[role]}</option>)}
          </select>
          <button type="submit" class="button button--secondary button--small">{t.changeRole} <span class="visually-hidden">({member.name})</span></button>
        </form>
      ) : null}
      {data.canManage || self ? (
        <form method="post" action={`${base}/${member.organizerId}/remove`} class="inline-form">
          {csrf}
          <button type="submit" class="button button--secondary button--small">{removeLabel} <span class="visually-hidden">({member.name})</span></button>
        </form>
      ) : null}
    </td>
  );
}

export function TeamPage({ ctx, data }: { ctx: PageContext; data: TeamPageData }) {
  const t = ctx.t.team;
  const { event, members } = data;
  const title = t.title(text(event, 'title', ctx.locale).text);
  const base = `/admin/events/${event.slug}/team`;
  const withActions = data.canManage || members.some((m) => m.organizerId === data.me);
  const labels = { email: t.email, name: t.name, role: t.role, language: t.language };
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      <EventAdminNav ctx={ctx} event={event} current="team" canEdit={data.canEdit} />
      {data.notice ? <Notice kind={data.notice.kind} role={data.notice.kind === 'error' ? 'alert' : 'status'}>{data.notice.text}</Notice> : null}
      <p>{t.intro}</p>

      <section aria-labelledby="team-members">
        <h2 id="team-members">{t.members(members.length)}</h2>
        {members.length === 0 ? <p>{t.none}</p> : (
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="team-members">
            <table class="data-table">
              <caption class="visually-hidden">{t.members(members.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columns.name}</th><th scope="col">{t.columns.email}</th><th scope="col">{t.columns.role}</th>
                  <th scope="col">{t.columns.since}</th>{withActions ? <th scope="col">{t.columns.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr>
                    <th scope="row">{member.name}{member.organizerId === data.me ? <span class="muted"> {t.you}</span> : null}</th>
                    <td>{member.email}</td>
                    <td>{t.roles[member.role] ?? member.role}</td>
                    <td>{formatShortDate(new Date(member.since), event.timeZone, ctx.locale)}</td>
                    {withActions ? <MemberActions ctx={ctx} base={base} member={member} data={data} /> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="team-roles">
        <h2 id="team-roles">{t.rolesTitle}</h2>
        <ul class="team-roles">
          {EVENT_ROLES.map((role) => <li><strong>{t.roles[role]}</strong> {t.roleHelp[role]}</li>)}
        </ul>
        <p class="muted">{t.adminNote}</p>
      </section>

      {data.canManage ? (
        <section aria-labelledby="team-add" class="page-narrow">
          <h2 id="team-add">{t.add}</h2>
          <p>{t.addIntro}</p>
          <ErrorSummary errors={data.errors} title={ctx.t.errors.formSummary} labels={labels} />
          <form method="post" action={base} novalidate>
            <CsrfField token={ctx.csrfToken ?? ''} />
            <TextField name="email" type="email" label={t.email} value={data.values.email} error={data.errors.email} required autocomplete="off" maxLength={254} spellcheck={false} />
            <TextField name="name" label={t.name} hint={t.nameHint} value={data.values.name} error={data.errors.name} autocomplete="off" maxLength={200} />
            <ChoiceGroup name="role" legend={t.role} type="radio" required selected={[data.values.role]} error={data.errors.role}
              options={EVENT_ROLES.map((role) => ({ value: role, label: t.roles[role] ?? role }))} />
            <ChoiceGroup name="language" legend={t.language} type="radio" inline selected={[data.values.language]} error={data.errors.language}
              options={[{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }]} />
            <Button type="submit">{t.submit}</Button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
