import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Markdown } from '../../../platform/html/components.js';
import { LAENDER } from '../../../platform/germany.js';
import type { Lab, Member, Practice } from '../community.types.js';
import { PracticeList } from './PracticesPage.js';
import { labsUrl } from './LabsPage.js';

export function LabPage({ ctx, lab, practices, members, self }: {
  ctx: PageContext; lab: Lab; practices: Practice[]; members: Array<Pick<Member, 'id' | 'name' | 'about'>> | null;
  /** The signed-in member (who may write to the others), or null. */
  self: number | null;
}) {
  const c = ctx.t.community;
  const facts: Array<[string, preact.ComponentChildren]> = [
    [c.lab.level, <a href={labsUrl({ level: lab.level })}>{c.levels[lab.level]}</a>],
    [c.lab.land, lab.land ? <a href={labsUrl({ land: lab.land })}>{LAENDER[lab.land][ctx.locale]}</a> : null],
    [c.lab.city, lab.city || null],
    [c.lab.parentBody, lab.parentBody || null],
    [c.lab.founded, lab.founded ? String(lab.founded) : null],
    [c.lab.website, lab.website ? <a href={lab.website} rel="noopener noreferrer">{lab.website}</a> : null],
    [c.lab.topics, lab.topics.length ? <ul class="tags">{lab.topics.map((topic) => <li class="tag"><a href={labsUrl({ topic })}>{topic}</a></li>)}</ul> : null],
    [c.lab.team, lab.team || null],
    [c.lab.contact, lab.contactPublic && lab.contactEmail ? <a href={`mailto:${lab.contactEmail}`}>{lab.contactEmail}</a> : null],
  ];
  return (
    <Layout ctx={ctx} title={lab.name}>
      <p><a href="/labs">← {c.lab.back}</a></p>
      <h1>{lab.name}</h1>
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading" class="visually-hidden">{c.lab.facts}</h2>
        <dl class="facts">
          {facts.filter(([, value]) => value !== null).map(([label, value]) => (
            <div class="facts__row"><dt>{label}</dt><dd>{value}</dd></div>
          ))}
        </dl>
      </section>
      {lab.description ? (
        <section aria-labelledby="about-heading">
          <h2 id="about-heading">{c.lab.about}</h2>
          <Markdown source={lab.description} />
        </section>
      ) : null}
      <section aria-labelledby="practices-heading">
        <h2 id="practices-heading">{c.lab.practices}</h2>
        {practices.length === 0 ? <p>{c.lab.noPractices}</p> : <PracticeList ctx={ctx} practices={practices} headingLevel={3} />}
      </section>
      {members && members.length > 0 ? (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{c.lab.members}</h2>
          <ul class="member-list">
            {members.map((m) => (
              <li>
                <strong>{m.name}</strong>{m.about ? ` – ${m.about}` : ''}
                {self !== null && m.id !== self ? <> · <a href={`/community/members/${m.id}/contact`} aria-label={c.contact.writeTo(m.name)}>{c.contact.write}</a></> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
