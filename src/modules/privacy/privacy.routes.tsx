// The rights of the person from their personal page: see everything stored about their address
// (page and JSON), and erase it. The personal link is the proof: it was mailed to that address.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { field } from '../../platform/http/form.js';
import { looksLikeToken } from '../../platform/tokens.js';
import { PersonDataPage } from './views/PersonDataPage.js';
import { EraseConfirmPage, ErasedPage } from './views/PrivacyPages.js';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

export const privacyRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { config, services, assetVersion }) => {
  const limit = config.rateLimits ? { max: 30, timeWindow: '1 minute' } : false;
  const ctx = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, assetVersion, { csrf: true });
  const privateReply = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');

  /** The address behind a valid personal link (revoked links prove nothing any more). */
  async function holder(request: TokenRequest): Promise<{ email: string; name: string }> {
    if (!looksLikeToken(request.params.token)) throw new HttpError(404);
    const standing = await services.registration.linkStanding(request.params.token);
    if (standing.kind !== 'valid') throw new HttpError(404);
    return { email: standing.registration.email, name: standing.registration.name };
  }
  // Never the name: the log outlives the data it is about.
  const actor = (_who: { name: string }) => ({ id: null, label: 'the person, by personal link' });

  app.get<{ Params: { token: string } }>('/r/:token/data', { config: { rateLimit: limit } }, async (request, reply) => {
    const who = await holder(request);
    const data = await services.person.collect(who.email);
    await services.person.recordExport(who.email, actor(who));
    return privateReply(reply).html(<PersonDataPage ctx={pageContext(request, reply, assetVersion)} data={data} back={{ href: `/r/${request.params.token}`, label: request.t.personal.title }} />);
  });

  app.get<{ Params: { token: string } }>('/r/:token/data.json', { config: { rateLimit: limit } }, async (request, reply) => {
    const who = await holder(request);
    const data = await services.person.collect(who.email);
    await services.person.recordExport(who.email, actor(who));
    return privateReply(reply).type('application/json; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="labcamp-daten.json"').send(JSON.stringify(data, null, 2));
  });

  app.get<{ Params: { token: string } }>('/r/:token/erase', async (request, reply) => {
    await holder(request);
    return privateReply(reply).html(<EraseConfirmPage ctx={ctx(request, reply)} token={request.params.token} />);
  });

  app.post<{ Params: { token: string } }>('/r/:token/erase', { config: { rateLimit: limit } }, async (request, reply) => {
    const who = await holder(request);
    if (field(request.body, 'confirm') !== 'yes') return reply.redirect(`/r/${request.params.token}/erase`, 303);
    const done = await services.person.erase(who.email, actor(who));
    return privateReply(reply).html(<ErasedPage ctx={pageContext(request, reply, assetVersion)} registrations={done.registrations} />);
  });
};
