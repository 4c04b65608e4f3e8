// Everything stored about an address, readable (the HTML form of the export; the JSON has the same data).
import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import type { PersonData } from '../person.service.js';

export function PersonDataPage({ ctx, data, back }: { ctx: PageContext; data: PersonData; back?: { href: string; label: string } | undefined }) {
  const d = ctx.t.privacy.data;
  const yesNo = (value: boolean) => (value ? d.yes : d.no);
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleString(ctx.locale === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin' }) : '–');
  const empty = data.registrations.length === 0 && !data.community.member;
  return (
    <Layout ctx={ctx} title={d.title}>
      {back ? <p><a href={back.href}>← {back.label}</a></p> : null}
      <h1>{d.title}</h1>
      <p>{d.intro(data.email, date(data.generatedAt))}</p>
      {empty ? <p>{d.none}</p> : null}
      {data.registrations.map((r, i) => (
        <section aria-labelledby={`reg-${i}`} class="person-data">
          <h2 id={`reg-${i}`}>{d.registration(r.event.title)}</h2>
          <dl class="facts">
            {([
              ['name', r.name], ['organisation', r.organisation], ['level', ctx.t.registration.levels[r.level] ?? r.level], ['land', r.land ?? '–'],
              ['role', r.role ?? '–'], ['locale', r.locale], ['status', ctx.t.personal.statuses[r.status] ?? r.status], ['listed', yesNo(r.listedInParticipantList)],
              ['registeredAt', date(r.registeredAt)], ['confirmedAt', date(r.confirmedAt)], ['admittedAt', date(r.admittedAt)], ['cancelledAt', date(r.cancelledAt)],
            ] as Array<[string, string]>).map(([key, value]) => <div class="facts__row"><dt>{d.fields[key]}</dt><dd>{value}</dd></div>)}
          </dl>
          {r.answers.length > 0 ? <><h3>{d.answers}</h3><dl>{r.answers.map((a) => <><dt>{a.question}</dt><dd class="preserve-lines">{a.answer}</dd></>)}</dl></> : null}
          {r.mails.length > 0 ? <><h3>{d.mails}</h3><ul>{r.mails.map((m) => <li>{`${date(m.createdAt)}: ${m.subject} (${m.status})`}</li>)}</ul></> : null}
          {r.questionsAsked.length > 0 ? <><h3>{d.questions}</h3><ul>{r.questionsAsked.map((q) => <li>{`${date(q.askedAt)}: ${q.text} (${q.shownWithName ? d.withName : d.anonymous})`}</li>)}</ul></> : null}
          {r.networking.length > 0 ? <><h3>{d.networking}</h3><ul>{r.networking.map((g) => <li>{d.group(g.round, g.group)}</li>)}</ul></> : null}
          {r.boardEntries.length > 0 ? <><h3>{d.board}</h3><ul>{r.boardEntries.map((e) => <li>{e.text}</li>)}</ul></> : null}
        </section>
      ))}
      {data.community.member ? (
        <section aria-labelledby="community-data">
          <h2 id="community-data">{d.community}</h2>
          <h3>{d.member}</h3>
          <dl class="facts">
            <div class="facts__row"><dt>{d.fields.name}</dt><dd>{data.community.member.name}</dd></div>
            <div class="facts__row"><dt>{d.fields.organisation}</dt><dd>{data.community.member.lab ?? '–'}</dd></div>
            <div class="facts__row"><dt>{ctx.t.community.member.findable}</dt><dd>{yesNo(data.community.member.findable)}</dd></div>
            <div class="facts__row"><dt>{ctx.t.community.member.about}</dt><dd>{data.community.member.about || '–'}</dd></div>
          </dl>
          {data.community.practices.length > 0 ? <><h3>{d.practices}</h3><ul>{data.community.practices.map((p) => <li>{p.title}</li>)}</ul></> : null}
          {data.community.challenges.length > 0 ? <><h3>{d.challenges}</h3><ul>{data.community.challenges.map((c) => <li>{c.title}</li>)}</ul></> : null}
          <p>{d.messages(data.community.messagesSent, data.community.messagesReceived)}</p>
        </section>
      ) : null}
    </Layout>
  );
}
