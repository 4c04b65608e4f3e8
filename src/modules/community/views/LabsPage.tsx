import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { DataTable } from '../../../platform/html/components.js';
import { LAENDER, LAND_CODES, LEVELS, type LandCode } from '../../../platform/germany.js';
import type { Lab } from '../community.types.js';
import type { LabFilter } from '../labs.service.js';
import { GermanyMap } from './GermanyMap.js';

export interface Directory {
  labs: Lab[];
  total: number;
  byLand: Partial<Record<LandCode, number>>;
  topics: Array<{ name: string; count: number }>;
}

/** /labs with the given filter changes applied (an undefined value removes that filter). */
export function labsUrl(filter: LabFilter, change: Partial<LabFilter> = {}): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  if (next.level) params.set('level', next.level);
  if (next.land) params.set('land', next.land);
  if (next.topic) params.set('topic', next.topic);
  const query = params.toString();
  return query ? `/labs?${query}` : '/labs';
}

export function LabsPage({ ctx, directory, filter }: { ctx: PageContext; directory: Directory; filter: LabFilter }) {
  const c = ctx.t.community;
  const filtered = Boolean(filter.level || filter.land || filter.topic);
  return (
    <Layout ctx={ctx} title={c.labs.title} description={c.labs.intro}>
      <h1>{c.labs.title}</h1>
      <p class="lead">{c.labs.intro}</p>
      <form method="get" action="/labs" class="filters" aria-label={c.labs.filters}>
        <div class="field">
          <label class="field__label" for="filter-level">{c.labs.level}</label>
          <select class="field__input field__input--select" id="filter-level" name="level">
            <option value="">{c.labs.any}</option>
            {LEVELS.map((level) => <option value={level} selected={filter.level === level}>{c.levels[level]}</option>)}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="filter-land">{c.labs.land}</label>
          <select class="field__input field__input--select" id="filter-land" name="land">
            <option value="">{c.labs.any}</option>
            {LAND_CODES.map((code) => <option value={code} selected={filter.land === code}>{LAENDER[code][ctx.locale]}</option>)}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="filter-topic">{c.labs.topic}</label>
          <select class="field__input field__input--select" id="filter-topic" name="topic">
            <option value="">{c.labs.any}</option>
            {directory.topics.map((topic) => <option value={topic.name} selected={filter.topic === topic.name}>{`${topic.name} (${topic.count})`}</option>)}
          </select>
        </div>
        <div class="filters__submit">
          <button type="submit" class="button button--primary">{c.labs.apply}</button>
          {filtered ? <a href="/labs">{c.labs.reset}</a> : null}
        </div>
      </form>
      <div class="labs-layout">
        <section class="labs-map" aria-labelledby="map-heading">
          <h2 id="map-heading">{c.labs.mapTitle}</h2>
          <GermanyMap
            counts={directory.byLand} locale={ctx.locale} selected={filter.land} title={c.labs.mapTitle} caption={c.labs.mapCaption} unit={c.labs.unit}
            href={(land) => labsUrl(filter, { land: filter.land === land ? undefined : land })}
          />
          <DataTable caption={c.labs.tableCaption} head={[c.labs.tableLand, c.labs.tableCount]}>
            {LAND_CODES.filter((code) => directory.byLand[code]).map((code) => (
              <tr>
                <th scope="row"><a href={labsUrl(filter, { land: code })}>{LAENDER[code][ctx.locale]}</a></th>
                <td class="numeric">{directory.byLand[code]}</td>
              </tr>
            ))}
          </DataTable>
        </section>
        <section class="labs-results" aria-labelledby="results-heading">
          <h2 id="results-heading">{c.labs.results}</h2>
          <p role="status">{filtered ? c.labs.ofTotal(directory.labs.length, directory.total) : c.labs.count(directory.labs.length)}</p>
          {directory.labs.length === 0 ? <p>{c.labs.none}</p> : (
            <ul class="card-list">
              {directory.labs.map((lab) => <LabCard ctx={ctx} lab={lab} />)}
            </ul>
          )}
        </section>
      </div>
    </Layout>
  );
}

function LabCard({ ctx, lab }: { ctx: PageContext; lab: Lab }) {
  const c = ctx.t.community;
  const where = [lab.city, lab.land ? LAENDER[lab.land][ctx.locale] : null].filter(Boolean).join(', ');
  return (
    <li class="card">
      <h3 class="card__title"><a href={`/labs/${lab.slug}`}>{lab.name}</a></h3>
      <p class="card__meta">{[c.levels[lab.level], where, lab.parentBody].filter(Boolean).join(' · ')}</p>
      {lab.topics.length > 0 ? <ul class="tags" aria-label={c.lab.topics}>{lab.topics.map((topic) => <li class="tag">{topic}</li>)}</ul> : null}
    </li>
  );
}
