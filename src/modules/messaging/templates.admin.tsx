// Back office of an event's mail templates: every registrant mail in German and English, with
// its subject and whether the event has its own text; an editor per mail and language with the
// placeholders it can fill, a preview (text, and the HTML part as source and in a sandboxed tab),
// save and reset. Every save and reset is audited; read-only roles may look but not change.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { LOCALES, type Locale, isLocale } from '../../platform/i18n/index.js';
import { eventForOrganizer, roleAllows, type EventAction } from '../access/access.policy.js';
import type { LabEvent } from '../events/events.types.js';
import { MAIL_PREVIEW_POLICY } from './messaging.admin.js';
import { sampleMailContext } from './sample.js';
import {
  REGISTRANT_TEMPLATES, type RenderedMail, type TemplateText,
  availablePlaceholders, defaultTemplate, isRegistrantTemplate, renderTemplate,
} from './templates.js';
import { findTemplateOverride, listTemplateOverrides, resetTemplateOverride, saveTemplateOverride } from './templates.repo.js';
import { readTemplateForm, validateTemplateForm } from './templates.form.js';
import { MailTemplatePage, MailTemplatesPage, type TemplateRow } from './views/MailTemplatesPage.js';

type Params = { slug: string; template: string; locale: string };
type Request = FastifyRequest<{ Params: Params; Querystring: { done?: string } }>;

export const mailTemplatesAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion, database, config, clock }) => {
  const guard = { db: database.db, findBySlug: services.events.findBySlug };
  const actor = (request: FastifyRequest) => ({ id: request.organizer!.id, label: request.organizer!.name });

  /** The event, the mail and the language named in the URL; 404 for anything that is not a registrant mail. */
  async function target(request: Request, action: EventAction) {
    const { template, locale } = request.params;
    if (!isRegistrantTemplate(template) || !isLocale(locale)) throw new HttpError(404);
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, action);
    return { event, role, template, locale };
  }

  /** The mail as a registrant would get it, with sample values for the person and their links. */
  const sample = (event: LabEvent, locale: Locale, source: TemplateText): RenderedMail =>
    renderTemplate(locale, source, sampleMailContext(config, clock, event, locale));

  app.get<{ Params: { slug: string } }>('/admin/events/:slug/mail-templates', async (request, reply) => {
    const { event, role } = await eventForOrganizer(guard, request.organizer!, request.params.slug, 'registrations.read');
    const overrides = await listTemplateOverrides(database.db, event.id);
    const rows: TemplateRow[] = REGISTRANT_TEMPLATES.map((template) => {
      const version = (locale: Locale) => {
        const own = overrides.find((o) => o.template === template && o.locale === locale);
        return { subject: own?.subject ?? defaultTemplate(template, locale).subject, custom: own !== undefined };
      };
      return { template, versions: Object.fromEntries(LOCALES.map((l) => [l, version(l)])) as TemplateRow['versions'] };
    });
    return reply.html(<MailTemplatesPage ctx={pageContext(request, reply, assetVersion)} event={event} rows={rows} canEdit={roleAllows(role, 'event.edit')} />);
  });

  async function show(
    request: Request, reply: FastifyReply, t: Awaited<ReturnType<typeof target>>,
    form?: { values: TemplateText; errors: FieldErrors; preview?: RenderedMail }, status = 200,
  ) {
    const own = await findTemplateOverride(database.db, t.event.id, t.template, t.locale);
    const saved = own ?? defaultTemplate(t.template, t.locale);
    const canEdit = roleAllows(t.role, 'event.edit');
    const m = request.t.mailTemplates;
    const notice = form ? undefined : { saved: m.saved, reset: m.resetDone }[request.query.done ?? ''];
    // Read-only roles cannot post a preview: they see the saved version's at once.
    const preview = form?.preview ? { mail: form.preview, saved: false } : canEdit ? undefined : { mail: sample(t.event, t.locale, saved), saved: true };
    return reply.html(
      <MailTemplatePage
        ctx={pageContext(request, reply, assetVersion, { csrf: true })} event={t.event} template={t.template} locale={t.locale}
        values={form?.values ?? saved} custom={own !== undefined} placeholders={availablePlaceholders(t.template)}
        errors={form?.errors ?? {}} preview={preview} notice={notice} canEdit={canEdit}
      />,
      status,
    );
  }

  app.get<{ Params: Params; Querystring: { done?: string } }>('/admin/events/:slug/mail-templates/:template/:locale', async (request, reply) => {
    return show(request, reply, await target(request, 'registrations.read'));
  });

  // One form, two intents: preview re-renders the page with the mail filled with sample values;
  // save stores it. Either way an invalid template is refused next to its field, nothing stored.
  app.post<{ Params: Params; Querystring: { done?: string } }>('/admin/events/:slug/mail-templates/:template/:locale', async (request, reply) => {
    const t = await target(request, 'event.edit');
    const values = readTemplateForm(request.body);
    const errors = validateTemplateForm(values, t.template, request.t, request.locale);
    if (Object.keys(errors).length > 0) return show(request, reply, t, { values, errors }, 422);
    const intent = (request.body as Record<string, unknown> | undefined)?.intent;
    if (intent === 'preview') return show(request, reply, t, { values, errors, preview: sample(t.event, t.locale, values) });
    await saveTemplateOverride(database.db, clock, actor(request), t.event.id, t.template, t.locale, values);
    return reply.redirect(`/admin/events/${t.event.slug}/mail-templates/${t.template}/${t.locale}?done=saved`, 303);
  });

  app.post<{ Params: Params; Querystring: { done?: string } }>('/admin/events/:slug/mail-templates/:template/:locale/reset', async (request, reply) => {
    const t = await target(request, 'event.edit');
    await resetTemplateOverride(database.db, clock, actor(request), t.event.id, t.template, t.locale);
    return reply.redirect(`/admin/events/${t.event.slug}/mail-templates/${t.template}/${t.locale}?done=reset`, 303);
  });

  // The HTML part on its own, under the sandboxing policy of the mail view: no script, no network.
  const sendHtml = (reply: FastifyReply, mail: RenderedMail) =>
    reply.header('Content-Security-Policy', MAIL_PREVIEW_POLICY).type('text/html; charset=utf-8').send(mail.html);

  app.get<{ Params: Params; Querystring: { done?: string } }>('/admin/events/:slug/mail-templates/:template/:locale/html', async (request, reply) => {
    const t = await target(request, 'registrations.read');
    const source = (await findTemplateOverride(database.db, t.event.id, t.template, t.locale)) ?? defaultTemplate(t.template, t.locale);
    return sendHtml(reply, sample(t.event, t.locale, source));
  });

  /** The form's unsaved version (the editor's "view the HTML part" button opens it in a new tab). */
  app.post<{ Params: Params; Querystring: { done?: string } }>('/admin/events/:slug/mail-templates/:template/:locale/html', async (request, reply) => {
    const t = await target(request, 'event.edit');
    const values = readTemplateForm(request.body);
    const errors = validateTemplateForm(values, t.template, request.t, request.locale);
    if (Object.keys(errors).length > 0) {
      return reply.code(422).type('text/plain; charset=utf-8').send(Object.values(errors).filter(Boolean).join('\n'));
    }
    return sendHtml(reply, sample(t.event, t.locale, values));
  });
};
