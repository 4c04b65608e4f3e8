// Sample values for a mail shown to organizers (template preview, broadcast preview and test mail):
// the event's real title and dates, a made-up person and links that lead nowhere.
import type { Config } from '../../config.js';
import { absoluteUrl } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import { type Locale, messages } from '../../platform/i18n/index.js';
import { formatLongDate, formatShortDate, formatTime } from '../../platform/time.js';
import { text, when } from '../events/events.present.js';
import type { LabEvent } from '../events/events.types.js';
import type { MailContext } from './templates.js';

export function sampleMailContext(config: Config, clock: Clock, event: LabEvent, locale: Locale, name?: string): MailContext {
  const t = messages(locale);
  const deadline = new Date(clock.now().getTime() + 3 * 86_400_000);
  return {
    name: name ?? t.mailTemplates.sample.name, event: text(event, 'title', locale).text, when: when(event, t, locale).label,
    start: `${formatShortDate(event.startsAt, event.timeZone, locale)}, ${formatTime(event.startsAt, event.timeZone, locale)}${locale === 'de' ? ' Uhr' : ''}`,
    eventLink: absoluteUrl(config, `/events/${event.slug}`),
    personalLink: absoluteUrl(config, '/r/BEISPIEL'), accessLink: absoluteUrl(config, '/r/BEISPIEL/live'),
    deadline: `${formatLongDate(deadline, event.timeZone, locale)}, ${formatTime(deadline, event.timeZone, locale)}`,
    reason: t.mailTemplates.sample.reason, contact: event.contactEmail,
  };
}
