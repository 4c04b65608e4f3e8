// The audit log: who did what when, with the values before and after. Platform-wide for platform
// admins, per event for its owners and organizers.
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { DataTable } from '../../../platform/html/components.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';
import type { LabEvent } from '../../events/events.types.js';
import { text } from '../../events/events.present.js';
import { EventAdminNav } from '../../events/views/EventAdminNav.js';

export interface AuditRow {
  at: string;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before_json: string | null;
  after_json: string | null;
}

/** Stored JSON, indented for reading; shown as text like everything else. */
function pretty(json: string | null): string {
  if (!json) return '';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

export function AuditPage({ ctx, entries, event }: { ctx: PageContext; entries: AuditRow[]; event?: LabEvent | undefined }) {
  const { t, locale } = ctx;
  const zone = event?.timeZone ?? 'Europe/Berlin';
  const title = event ? `${t.admin.audit}: ${text(event, 'title', locale).text}` : t.admin.audit;
  return (
    <Layout ctx={ctx} title={title} area="admin">
      <h1>{title}</h1>
      {event ? <EventAdminNav ctx={ctx} event={event} current="audit" /> : null}
      <p class="muted">{t.admin.auditNote}</p>
      <DataTable caption={t.admin.audit} head={[t.admin.columns.when, t.admin.columns.who, t.admin.columns.what, t.admin.columns.change]}>
        {entries.map((entry) => {
          const at = new Date(entry.at);
          const before = pretty(entry.before_json);
          const after = pretty(entry.after_json);
          return (
            <tr>
              <td><time dateTime={entry.at}>{formatShortDate(at, zone, locale)} {formatTime(at, zone, locale)}</time></td>
              <td>{entry.actor_label}</td>
              <td><code>{entry.action}</code> {entry.subject_type} {entry.subject_id}</td>
              <td>
                {before || after ? (
                  <details>
                    <summary>{t.admin.showChange}</summary>
                    {before ? <><p class="audit-label">{t.admin.before}</p><pre class="audit-json">{before}</pre></> : null}
                    {after ? <><p class="audit-label">{t.admin.after}</p><pre class="audit-json">{after}</pre></> : null}
                  </details>
                ) : null}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </Layout>
  );
}
