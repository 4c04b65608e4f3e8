import type { FastifyPluginAsync } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { SITE_PAGE_SLUGS } from './site.service.js';
import { SitePage } from './views/SitePage.js';
import { processingActivities, settingsFrom } from '../privacy/processing.js';
import { ProcessingSection } from '../privacy/views/ProcessingSection.js';

export const siteRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion }) => {
  for (const slug of SITE_PAGE_SLUGS) {
    app.get(`/${slug}`, async (request, reply) => {
      const page = await services.site.page(slug);
      const ctx = pageContext(request, reply, assetVersion);
      // The privacy page ends with what the platform processes, generated from its settings.
      const generated = slug === 'datenschutz' ? <ProcessingSection ctx={ctx} activities={processingActivities(settingsFrom(config), request.locale)} /> : null;
      return reply.html(<SitePage ctx={ctx} title={request.t.pages[slug] ?? slug} body={page.body}>{generated}</SitePage>);
    });
  }
};
