// The participant list of an event, for its admitted participants: only those who agreed, with
// name, lab and level (nothing else about them is shown).
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { DataTable } from '../../../platform/html/components.js';
import { text } from '../../events/events.present.js';
import type { LabEvent } from '../../events/events.types.js';

export function ParticipantsPage({ ctx, event, token, people, listed }: {
  ctx: PageContext; event: LabEvent; token: string; people: Array<{ name: string; organisation: string; level: string }>; listed: boolean;
}) {
  const p = ctx.t.participants;
  const title = `${p.title} – ${text(event, 'title', ctx.locale).text}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p><a href={`/r/${token}`}>← {p.back}</a></p>
      <h1>{title}</h1>
      <p>{p.intro}</p>
      <p>{p.yourChoice(listed)}</p>
      {people.length === 0 ? <p>{p.empty}</p> : (
        <DataTable caption={p.count(people.length)} head={[p.name, p.lab, p.level]}>
          {people.map((person) => (
            <tr>
              <td>{person.name}</td>
              <td>{person.organisation}</td>
              <td>{ctx.t.registration.levels[person.level] ?? person.level}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}
