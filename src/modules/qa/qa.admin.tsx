// Back office of an event's Q&A: the rules (anonymous questions, pre-moderation, word filter),
// the way to the moderation view in the live room, and the export of every question.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { field, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { pickLocalized } from '../../platform/i18n/locale.js';
import { formatShortDate, formatTime } from '../../platform/time.js';
import { eventForOrganizer, roleAllows, type EventRole } from '../access/access.policy.js';
import { eventLanguage, text } from '../events/events.present.js';
import type { LabEvent } from '../events/events.types.js';
import type { QaSettings } from './qa.service.js';
import { type ExportContext, questionsCsv, questionsMarkdown } from './qa.export.js';
import { QaAdminPage, type QaSettingsValues } from './views/QaAdminPage.js';

const FILTER_MAX_WORDS = 200;
const WORD_MAX = 60;

export const qaAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const { qa } = services;

  const valuesOf = (s: QaSettings): QaSettingsValues => ({ allowAnonymous: s.allowAnonymous, premoderation: s.premoderation, wordFilter: s.wordFilter.join('\n') });

  async function show(request: FastifyRequest, reply: FastifyReply, event: LabEvent, role: EventRole, form?: { values: QaSettingsValues; errors: FieldErrors }, status = 200) {
    const settings = await qa.settings(event.id);
    const counts = await qa.counts(event.id);
    const answered = (await qa.list(event.id, { asker: null, sort: 'new', all: true })).filter((q) => q.answered && q.state === 'visible');
    const notice = form ? undefined : (request.query as { done?: string }).done === 'saved' ? request.t.qaAdmin.saved : undefined;
    return reply.html(
      <QaAdminPage
        ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={event} values={form?.values ?? valuesOf(settings)} errors={form?.errors ?? {}}
        counts={counts} notice={notice} canEdit={roleAllows(role, 'event.edit')} canModerate={roleAllows(role, 'live.control')} answered={answered}
      />,
      status,
    );
  }

  app.get<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/questions', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    return show(request, reply, event, role);
  });

  app.post<{ Params: { slug: string }; Querystring: { done?: string } }>('/admin/events/:slug/questions', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'event.edit');
    const values: QaSettingsValues = {
      allowAnonymous: field(request.body, 'allow_anonymous') === 'yes', premoderation: field(request.body, 'premoderation') === 'yes',
      wordFilter: normalizeText(field(request.body, 'word_filter')),
    };
    const words = [...new Set(values.wordFilter.split('\n').map((w) => w.trim()).filter(Boolean))];
    const errors: FieldErrors = {};
    if (words.length > FILTER_MAX_WORDS || words.some((w) => w.length > WORD_MAX)) errors.word_filter = request.t.qaAdmin.filterLimits(FILTER_MAX_WORDS, WORD_MAX);
    if (Object.keys(errors).length > 0) return show(request, reply, event, role, { values, errors }, 422);
    await qa.saveSettings(event.id, { allowAnonymous: values.allowAnonymous, premoderation: values.premoderation, wordFilter: words }, { id: request.organizer!.id, label: request.organizer!.name });
    return reply.redirect(`/admin/events/${event.slug}/questions?done=saved`, 303);
  });

  async function exportOf(request: FastifyRequest<{ Params: { slug: string } }>) {
    const { event } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.export');
    const agenda = (await services.program.forEvent(event.id)).agenda;
    const context: ExportContext = {
      t: request.t,
      itemTitle: (id) => {
        const item = agenda.find((i) => i.id === id);
        return item ? pickLocalized(item.title, request.locale, eventLanguage(event)).text : request.t.qa.general;
      },
      time: (d) => `${formatShortDate(d, event.timeZone, request.locale)} ${formatTime(d, event.timeZone, request.locale)}`,
    };
    return { event, context, questions: await qa.list(event.id, { asker: null, sort: 'popular', all: true }) };
  }

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/questions.csv', async (request, reply) => {
    const { event, context, questions } = await exportOf(request);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${event.slug}-questions.csv"`).send(questionsCsv(questions, context));
  });

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/questions.md', async (request, reply) => {
    const { event, context, questions } = await exportOf(request);
    return reply.type('text/markdown; charset=utf-8').header('Content-Disposition', `attachment; filename="${event.slug}-questions.md"`)
      .send(questionsMarkdown(text(event, 'title', request.locale).text, questions, context));
  });
};
