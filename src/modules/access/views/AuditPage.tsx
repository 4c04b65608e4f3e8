import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { DataTable } from '../../../platform/html/components.js';
import { formatShortDate, formatTime } from '../../../platform/time.js';

export interface AuditRow {
  at: string;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
}

export function AuditPage({ ctx, entries }: { ctx: PageContext; entries: AuditRow[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t.admin.audit} area="admin">
      <h1>{t.admin.audit}</h1>
      <DataTable caption={t.admin.audit} head={[t.admin.columns.when, t.admin.columns.who, t.admin.columns.what]}>
        {entries.map((entry) => {
          const at = new Date(entry.at);
          return (
            <tr>
              <td><time dateTime={entry.at}>{formatShortDate(at, 'Europe/Berlin', locale)} {formatTime(at, 'Europe/Berlin', locale)}</time></td>
              <td>{entry.actor_label}</td>
              <td><code>{entry.action}</code> {entry.subject_type} {entry.subject_id}</td>
            </tr>
          );
        })}
      </DataTable>
    </Layout>
  );
}
