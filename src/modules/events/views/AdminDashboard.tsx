import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, ButtonLink, DataTable } from '../../../platform/html/components.js';
import { formatShortDate } from '../../../platform/time.js';
import type { LabEvent } from '../events.types.js';
import { text } from '../events.present.js';

export function AdminDashboard({ ctx, events }: { ctx: PageContext; events: LabEvent[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t.admin.events} area="admin">
      <h1>{t.admin.events}</h1>
      {ctx.organizer ? <p class="muted">{t.admin.signedInAs(ctx.organizer.name)}</p> : null}
      <p class="admin-actions"><ButtonLink href="/admin/events/new">{t.eventForm.newEvent}</ButtonLink></p>
      {events.length === 0 ? <p>{t.admin.noEvents}</p> : null}
      <DataTable caption={t.admin.events} head={[t.admin.columns.title, t.admin.columns.date, t.admin.columns.status, t.admin.columns.action]}>
        {events.map((event) => (
          <tr>
            <td><a href={`/admin/events/${event.slug}/registrations`}>{text(event, 'title', locale).text}</a></td>
            <td>{formatShortDate(event.startsAt, event.timeZone, locale)}</td>
            <td><Badge kind={event.status === 'published' ? 'open' : event.status === 'cancelled' ? 'warning' : 'neutral'}>{t.admin.status[event.status]}</Badge></td>
            <td><a href={`/events/${event.slug}`}>{t.admin.view} <span class="visually-hidden">({text(event, 'title', locale).text})</span></a></td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}
