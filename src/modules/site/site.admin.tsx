// Back office: the operator edits Impressum and Datenschutz (platform admins only).
import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { checkText, field, normalizeText } from '../../platform/http/form.js';
import type { FieldErrors } from '../../platform/html/components.js';
import { isSitePageSlug, MAX_PAGE_LENGTH, SITE_PAGE_SLUGS } from './site.service.js';
import { SitePageForm, SitePagesList } from './views/SitePagesAdmin.js';

export const siteAdmin: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion }) => {
  app.addHook('preHandler', async (request) => {
    if (!request.organizer?.isAdmin) throw new HttpError(403);
  });

  app.get('/admin/pages', async (request, reply) => {
    const pages = await Promise.all(SITE_PAGE_SLUGS.map(async (slug) => ({ slug, updatedAt: (await services.site.page(slug)).updatedAt })));
    return reply.header('Cache-Control', 'no-store').html(<SitePagesList ctx={pageContext(request, reply, assetVersion)} pages={pages} />);
  });

  app.get<{ Params: { slug: string }; Querystring: { saved?: string } }>('/admin/pages/:slug', async (request, reply) => {
    const { slug } = request.params;
    if (!isSitePageSlug(slug)) throw new HttpError(404);
    const page = await services.site.page(slug);
    return reply.header('Cache-Control', 'no-store').html(
      <SitePageForm ctx={pageContext(request, reply, assetVersion, { csrf: true })} slug={slug} body={page.body} errors={{}} saved={request.query.saved === '1'} />,
    );
  });

  app.post<{ Params: { slug: string } }>('/admin/pages/:slug', async (request, reply) => {
    const { slug } = request.params;
    if (!isSitePageSlug(slug)) throw new HttpError(404);
    const body = { de: normalizeText(field(request.body, 'body_de')), en: normalizeText(field(request.body, 'body_en')) };
    const errors: FieldErrors = {
      body_de: checkText(body.de, request.t, { required: true, max: MAX_PAGE_LENGTH }) ?? undefined,
      body_en: checkText(body.en, request.t, { max: MAX_PAGE_LENGTH }) ?? undefined,
    };
    if (Object.values(errors).some(Boolean)) {
      return reply.header('Cache-Control', 'no-store').html(
        <SitePageForm ctx={pageContext(request, reply, assetVersion, { csrf: true })} slug={slug} body={body} errors={errors} saved={false} />, 422,
      );
    }
    const organizer = request.organizer!;
    await services.site.updatePage(slug, body.en.trim() === '' ? { de: body.de } : body, { id: organizer.id, label: organizer.name });
    return reply.redirect(`/admin/pages/${slug}?saved=1`, 303);
  });
};
