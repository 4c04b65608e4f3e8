// The tabs of one event in the back office. Shared by every module that has a page per event.
import type { PageContext } from '../../../platform/html/page-context.js';
import type { LabEvent } from '../events.types.js';
import { text } from '../events.present.js';

export type EventAdminTab = 'edit' | 'program' | 'team' | 'registrations' | 'import' | 'mails' | 'mailTemplates' | 'schedules' | 'broadcasts' | 'questions' | 'live' | 'networking' | 'privacy' | 'audit';

/** The tabs behind the right to edit the event (the event's log included). */
const EDIT_TABS: EventAdminTab[] = ['edit', 'program', 'audit'];

/** `canEdit: false` (read-only and moderator roles) leaves out the tabs they would only get a 403 from. */
export function EventAdminNav({ ctx, event, current, canEdit = true }: { ctx: PageContext; event: LabEvent; current: EventAdminTab; canEdit?: boolean }) {
  const t = ctx.t.admin.tabs;
  const base = `/admin/events/${event.slug}`;
  const tabs: Array<[EventAdminTab, string, string]> = [
    ['edit', `${base}/edit`, t.edit],
    ['program', `${base}/program`, t.program],
    ['team', `${base}/team`, t.team],
    ['registrations', `${base}/registrations`, t.registrations],
    ['mails', `${base}/mails`, t.mails],
    ['mailTemplates', `${base}/mail-templates`, t.mailTemplates],
    ['schedules', `${base}/schedules`, t.schedules],
    ['broadcasts', `${base}/broadcasts`, t.broadcasts],
    ['live', `${base}/live`, t.live],
    ['questions', `${base}/questions`, t.questions],
    ['networking', `${base}/networking`, t.networking],
    ['privacy', `${base}/privacy`, ctx.t.privacy.retention.tab],
    ['audit', `${base}/audit`, t.audit],
  ];
  return (
    <nav class="sub-nav" aria-label={t.label(text(event, 'title', ctx.locale).text)}>
      <ul>
        {tabs.filter(([tab]) => canEdit || !EDIT_TABS.includes(tab)).map(([tab, href, label]) => (
          <li><a href={href} aria-current={tab === current ? 'page' : undefined}>{label}</a></li>
        ))}
        <li><a href={`/events/${event.slug}`}>{ctx.t.admin.view}</a></li>
      </ul>
    </nav>
  );
}
