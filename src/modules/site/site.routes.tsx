import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { SITE_PAGE_SLUGS } from './site.service.js';
import { SitePage } from './views/SitePage.js';

export const siteRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion }) => {
  for (const slug of SITE_PAGE_SLUGS) {
    app.get(`/${slug}`, async (request, reply) => {
      const page = await services.site.page(slug);
      return reply.html(<SitePage ctx={pageContext(request, reply, assetVersion)} title={request.t.pages[slug] ?? slug} body={page.body} />);
    });
  }
};
