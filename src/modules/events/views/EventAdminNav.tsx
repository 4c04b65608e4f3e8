// The tabs of one event in the back office. Shared by every module that has a page per event.
import type { PageContext } from '../../../platform/html/page-context.js';
import type { LabEvent } from '../events.types.js';
import { text } from '../events.present.js';

export type EventAdminTab = 'edit' | 'program' | 'team' | 'registrations' | 'import' | 'mails' | 'audit';

export function EventAdminNav({ ctx, event, current }: { ctx: PageContext; event: LabEvent; current: EventAdminTab }) {
  const t = ctx.t.admin.tabs;
  const base = `/admin/events/${event.slug}`;
  const tabs: Array<[EventAdminTab, string, string]> = [
    ['edit', `${base}/edit`, t.edit],
    ['program', `${base}/program`, t.program],
    ['registrations', `${base}/registrations`, t.registrations],
    ['mails', `${base}/mails`, t.mails],
    ['audit', `${base}/audit`, t.audit],
  ];
  return (
    <nav class="sub-nav" aria-label={t.label(text(event, 'title', ctx.locale).text)}>
      <ul>
        {tabs.map(([tab, href, label]) => (
          <li><a href={href} aria-current={tab === current ? 'page' : undefined}>{label}</a></li>
        ))}
        <li><a href={`/events/${event.slug}`}>{ctx.t.admin.view}</a></li>
      </ul>
    </nav>
  );
}
