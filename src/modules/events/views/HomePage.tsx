import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge } from '../../../platform/html/components.js';
import type { LabEvent, RegistrationWindow } from '../events.types.js';
import { registrationBadge, text, when } from '../events.present.js';

interface Props {
  ctx: PageContext;
  upcoming: LabEvent[];
  past: LabEvent[];
  windowOf: (event: LabEvent) => RegistrationWindow;
}

function EventCard({ ctx, event, window }: { ctx: PageContext; event: LabEvent; window: RegistrationWindow }) {
  const { t, locale } = ctx;
  const title = text(event, 'title', locale);
  const summary = text(event, 'summary', locale);
  const time = when(event, t, locale);
  const badge = registrationBadge(event, window, t, locale);
  return (
    <li class="event-card">
      <h3 class="event-card__title" lang={title.locale === locale ? undefined : title.locale}>
        <a href={`/events/${event.slug}`}>{title.text}</a>
      </h3>
      <p class="event-card__when"><time dateTime={time.startIso}>{time.label}</time> {time.zone}</p>
      {summary.text ? <p class="event-card__summary" lang={summary.locale === locale ? undefined : summary.locale}>{summary.text}</p> : null}
      <p><Badge kind={badge.kind}>{badge.label}</Badge></p>
    </li>
  );
}

export function HomePage({ ctx, upcoming, past, windowOf }: Props) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.home.title} description={t.home.intro}>
      <div class="intro">
        <h1>{t.home.title}</h1>
        <p class="lead">{t.home.intro}</p>
      </div>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t.home.upcoming}</h2>
        {upcoming.length === 0 ? <p>{t.home.noUpcoming}</p> : (
          <ul class="event-list">{upcoming.map((e) => <EventCard ctx={ctx} event={e} window={windowOf(e)} />)}</ul>
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{t.home.past}</h2>
        {past.length === 0 ? <p>{t.home.noPast}</p> : (
          <ul class="event-list event-list--past">{past.map((e) => <EventCard ctx={ctx} event={e} window={windowOf(e)} />)}</ul>
        )}
      </section>
    </Layout>
  );
}
