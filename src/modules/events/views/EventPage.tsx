import type { PageContext } from '../../../platform/html/page-context.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, ButtonLink, Markdown, Notice } from '../../../platform/html/components.js';
import { jsonForScript } from '../../../platform/html/render.js';
import type { Locale } from '../../../platform/i18n/index.js';
import { formatShortDate } from '../../../platform/time.js';
import { Agenda, SpeakerList } from '../../program/views/program-views.js';
import type { Program } from '../../program/program.types.js';
import type { LabEvent, RegistrationWindow } from '../events.types.js';
import { eventLanguage, registrationBadge, text, when } from '../events.present.js';

interface Props {
  ctx: PageContext;
  event: LabEvent;
  program: Program;
  window: RegistrationWindow;
  jsonLd: unknown;
}

/** A localized Markdown section; marks its language when it falls back to another one. */
function TextSection({ id, title, source, locale }: { id: string; title: string; source: { text: string; locale: Locale }; locale: Locale }) {
  if (!source.text) return null;
  return (
    <section class="event-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Markdown source={source.text} lang={source.locale === locale ? undefined : source.locale} />
    </section>
  );
}

export function EventPage({ ctx, event, program, window, jsonLd }: Props) {
  const { t, locale } = ctx;
  const fallback = eventLanguage(event);
  const title = text(event, 'title', locale);
  const summary = text(event, 'summary', locale);
  const time = when(event, t, locale);
  const badge = registrationBadge(event, window, t, locale);
  const where = event.attendanceMode === 'online' ? t.event.online : event.attendanceMode === 'hybrid' ? t.event.hybrid : '';
  const venue = event.venue ? (event.venue[locale] ?? event.venue[fallback] ?? '') : '';
  return (
    <Layout ctx={ctx} title={title.text} description={summary.text} head={<script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }} />}>
      <article class="event" lang={title.locale === locale ? undefined : title.locale}>
        <header class="event-hero">
          {event.hosts.length > 0 ? (
            <p class="event-hero__hosts">{t.event.hostedBy} {event.hosts.map((h) => h.name).join(', ')}</p>
          ) : null}
          <h1 class="event-hero__title">{title.text}</h1>
          {summary.text ? <p class="event-hero__summary">{summary.text}</p> : null}
          {event.status === 'cancelled' ? <Notice kind="warning">{t.event.cancelled}</Notice> : null}
          <dl class="facts">
            <div class="facts__item">
              <dt>{t.event.when}</dt>
              <dd>
                <time dateTime={time.startIso}>{time.label}</time> <abbr title={t.event.timeZoneNote(event.timeZone)}>{time.zone}</abbr>
              </dd>
            </div>
            <div class="facts__item">
              <dt>{t.event.where}</dt>
              <dd>{[where, venue].filter(Boolean).join(' · ')}</dd>
            </div>
            <div class="facts__item">
              <dt>{t.event.language}</dt>
              <dd>{t.event.languageName(event.language)}</dd>
            </div>
            <div class="facts__item">
              <dt>{t.event.registration}</dt>
              <dd><Badge kind={badge.kind}>{badge.label}</Badge></dd>
            </div>
          </dl>
          <p class="event-hero__actions">
            {window.state === 'open' ? <ButtonLink href={`/events/${event.slug}/register`}>{t.registration.register}</ButtonLink> : null}
            <ButtonLink href={`/events/${event.slug}.ics`} kind="secondary" download>{t.event.addToCalendar}</ButtonLink>
          </p>
          {window.state === 'past' ? <p class="muted">{t.event.past}</p> : null}
        </header>

        <div class="event-body">
          <TextSection id="description" title={t.event.description} source={text(event, 'description', locale)} locale={locale} />
          <TextSection id="discussion" title={t.event.discussion} source={text(event, 'discussion', locale)} locale={locale} />
          <SpeakerList program={program} locale={locale} fallback={fallback} t={t} />
          <Agenda program={program} locale={locale} fallback={fallback} t={t} timeZone={event.timeZone} />
          <TextSection id="format" title={t.event.format} source={text(event, 'format', locale)} locale={locale} />

          <section class="event-section event-section--registration" id="anmeldung" aria-labelledby="registration">
            <h2 id="registration">{t.event.registration}</h2>
            <p><Badge kind={badge.kind}>{badge.label}</Badge>{event.capacity ? <span class="muted"> · {t.event.seats(event.capacity)}</span> : null}</p>
            {window.state === 'closed' || (window.state === 'past' && event.registrationClosesAt) ? (
              <p class="muted">{t.event.registrationDeadlineWas(formatShortDate(event.registrationClosesAt ?? event.startsAt, event.timeZone, locale))}</p>
            ) : null}
            <Markdown source={text(event, 'audience', locale).text} />
            {event.confidential ? <Notice kind="info">{t.event.confidential}</Notice> : null}
            <Markdown source={text(event, 'accessNote', locale).text} />
            {window.state === 'open' ? <p><ButtonLink href={`/events/${event.slug}/register`}>{t.registration.register}</ButtonLink></p> : null}
            <p class="muted"><a href={`/events/${event.slug}/link`}>{t.registration.lostLink}</a></p>
          </section>

          <section class="event-section" aria-labelledby="contact">
            <h2 id="contact">{t.event.contact}</h2>
            <p>{t.event.contactText} <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a></p>
          </section>
        </div>
      </article>
    </Layout>
  );
}
