// The networking rounds as participants meet them, behind the live room's own access rules: a
// group's page (members, prompt, countdown, the group's own video room, the results board) is for
// the group's members and the event's team; the board takes entries while the room is open.
// Entries are saved by plain form posts; the page's script posts the same forms while people type
// and asks for JSON (Accept: application/json), so it learns the new version or the conflict.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleOptions, Services } from '../../app.js';
import { pageContext } from '../../platform/http/request-context.js';
import { HttpError } from '../../platform/http/errors.js';
import { checkText, field, fieldList, normalizeText } from '../../platform/http/form.js';
import { renderFragment } from '../../platform/html/render.js';
import { text } from '../events/events.present.js';
import type { LabEvent } from '../events/events.types.js';
import { type InsideTheRoom, roomMember } from '../live/live.member.js';
import type { LiveRoom } from '../live/live.service.js';
import type { RoomVideo } from '../live/video/join.js';
import { ENTRY_MAX, BOARD_MAX_ENTRIES, type BoardEntry, type SaveOutcome, isSection } from './boards.service.js';
import { type Group, type Round, inGroup } from './rounds.service.js';
import { readChoice } from './themes.js';
import { Board, GroupHeader, GroupPage, type EntryProblem } from './views/GroupPage.js';

type GroupRequest = FastifyRequest<{ Params: { slug: string; id: string; entry?: string }; Querystring: { fragment?: string; done?: string } }>;

/** The group's own video room: a Jitsi room or BigBlueButton meeting next to the plenary's, named by the group's random key. */
export function groupVideo(room: LiveRoom, group: Group): LiveRoom | null {
  if (room.provider === 'jitsi' && room.jitsiRoom) return { ...room, jitsiRoom: `${room.jitsiRoom}-${group.videoKey}`, jitsiEmbed: false };
  if (room.provider === 'bbb' && room.bbbMeetingId) return { ...room, bbbMeetingId: `${room.bbbMeetingId}-${group.videoKey}` };
  return null;
}

/** Who hears about a change of a group's board: its members and the moderators. */
export const boardAudience = (group: Group) => ['moderators', ...group.members.map((m) => `r${m.registrationId}`)];

export const networkingRoutes: FastifyPluginAsync<ModuleOptions> = async (app, { services, assetVersion }) => {
  const { rounds, boards, live } = services;
  const privateReply = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
  const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json');

  async function announce(event: LabEvent, kind: string, data: object, audience: string[]): Promise<void> {
    // The change is saved; without the update, pages are current on their next reload.
    await services.liveFeed.post(event.id, kind, data, audience).catch((error: unknown) => app.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'live update not sent'));
  }

  /** The group of the URL if the person may see it: its members and the team. Everyone else: 403 (a group of another event: 404). */
  async function groupFor(request: GroupRequest): Promise<{ inside: InsideTheRoom; round: Round; group: Group; room: LiveRoom; canWrite: boolean; closed: boolean }> {
    const inside = await roomMember(services, request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) throw new HttpError(404);
    const found = await rounds.group(inside.event.id, id);
    if (!found || found.round.state === 'planned') throw new HttpError(404);
    const member = inside.member.kind === 'participant' ? inGroup(found.group, inside.member.registrationId) : true;
    if (!member) throw new HttpError(403);
    const room = await live.room(inside.event.id);
    const closed = live.state(inside.event, room).state !== 'open';
    const writer = inside.member.kind === 'participant' || inside.moderator;
    return { inside, ...found, room, canWrite: writer && !closed, closed };
  }

  async function show(request: GroupRequest, reply: FastifyReply, found: Awaited<ReturnType<typeof groupFor>>, problem?: EntryProblem, status = 200) {
    const { inside, round, group } = found;
    const ctx = pageContext(request, reply, assetVersion, { csrf: true });
    const since = await services.liveFeed.head(inside.event.id);
    const entries = await boards.entries(group.id);
    const videoHref = groupVideo(found.room, group) ? `/events/${inside.event.slug}/live/groups/${group.id}/join` : null;
    const props = {
      ctx, event: inside.event, round, group, entries, canWrite: found.canWrite, closed: found.closed, videoHref, since, problem,
      team: inside.member.kind === 'team', notice: ({ added: ctx.t.networking.added, removed: ctx.t.networking.removed, saved: ctx.t.networking.saved } as Record<string, string>)[request.query.done ?? ''],
    };
    if (request.query.fragment === 'board') return privateReply(reply).htmlString(renderFragment(<Board {...props} />));
    if (request.query.fragment === 'group') return privateReply(reply).htmlString(renderFragment(<GroupHeader {...props} />));
    return privateReply(reply).html(<GroupPage {...props} />, status);
  }

  const groupPath = (event: LabEvent, group: Group) => `/events/${event.slug}/live/groups/${group.id}`;

  /** An entry's text as typed, or the reason it cannot be saved. */
  function readEntry(request: FastifyRequest): { text: string; error: string | null } {
    const value = normalizeText(field(request.body, 'text')).trim();
    // One message for empty, too long and control characters: what to type is the same.
    const bad = checkText(value, request.t, { required: true, max: ENTRY_MAX }) !== null;
    return { text: value, error: bad ? request.t.networking.entryLength(ENTRY_MAX) : null };
  }

  const entryJson = (e: BoardEntry) => ({ id: e.id, section: e.section, text: e.text, version: e.version });

  app.get<{ Params: { slug: string; id: string }; Querystring: { fragment?: string; done?: string } }>('/events/:slug/live/groups/:id', async (request, reply) => {
    return show(request, reply, await groupFor(request));
  });

  // A participant who came late places themselves into the running round.
  app.post<{ Params: { slug: string } }>('/events/:slug/live/round/place', async (request, reply) => {
    const inside = await roomMember(services, request);
    if (inside.member.kind !== 'participant') return privateReply(reply).redirect(`/events/${inside.event.slug}/live`, 303);
    const groupId = await rounds.placeLate(inside.event.id, inside.member.registrationId);
    if (groupId === null) return privateReply(reply).redirect(`/events/${inside.event.slug}/live`, 303);
    const found = await rounds.group(inside.event.id, groupId);
    if (found) await announce(inside.event, 'board', { groupId, members: true }, boardAudience(found.group));
    return privateReply(reply).redirect(`/events/${inside.event.slug}/live/groups/${groupId}`, 303);
  });

  // A participant's topics for the next thematic round, until it starts: stored as their answer
  // to the registration question the round takes its topics from.
  app.post<{ Params: { slug: string } }>('/events/:slug/live/topics', async (request, reply) => {
    const inside = await roomMember(services, request);
    const live = `/events/${inside.event.slug}/live`;
    if (inside.member.kind !== 'participant') return privateReply(reply).redirect(live, 303);
    const next = await rounds.nextThematic(inside.event.id);
    if (!next) return privateReply(reply).redirect(live, 303);
    const values = readChoice(next.theme, fieldList(request.body, 'topic'));
    if (!values) return privateReply(reply).redirect(`${live}?topics=invalid#topics`, 303);
    await rounds.saveTopics(inside.member.registrationId, next.theme, values);
    return privateReply(reply).redirect(`${live}?topics=saved#topics`, 303);
  });

  // The group's own video room, with a personal URL made on the spot (as the plenary's join).
  app.get<{ Params: { slug: string; id: string }; Querystring: { fragment?: string; done?: string } }>('/events/:slug/live/groups/:id/join', async (request, reply) => {
    const found = await groupFor(request);
    const { inside, round, group, room } = found;
    const video = groupVideo(room, group);
    if (!video || round.state !== 'running' || found.closed) return privateReply(reply).redirect(groupPath(inside.event, group), 303);
    const meetingName = `${text(inside.event, 'title', request.locale).text} – ${request.t.networking.groupTitle(round.number, group.number)}`;
    const target = await live.join(inside.event, video, { name: inside.member.name, moderator: inside.moderator }, meetingName);
    if (target.kind === 'redirect') return privateReply(reply).redirect(target.url, 303);
    return privateReply(reply).redirect(groupPath(inside.event, group), 303);
  });

  app.post<{ Params: { slug: string; id: string }; Querystring: { fragment?: string; done?: string } }>('/events/:slug/live/groups/:id/entries', async (request, reply) => {
    const found = await groupFor(request);
    if (!found.canWrite) throw new HttpError(403);
    const section = field(request.body, 'section');
    if (!isSection(section)) throw new HttpError(400);
    const entry = readEntry(request);
    const problem = (message: string): EntryProblem => ({ key: `new-${section}`, text: entry.text, message });
    if (entry.error) return wantsJson(request) ? reply.code(422).send({ error: entry.error }) : show(request, reply, found, problem(entry.error), 422);
    const outcome = await boards.add(found.inside.event.id, found.group.id, section, entry.text, found.inside.key);
    if (outcome.kind !== 'saved') {
      const message = request.t.networking.boardFull(BOARD_MAX_ENTRIES);
      return wantsJson(request) ? reply.code(409).send({ error: message }) : show(request, reply, found, problem(message), 409);
    }
    await announce(found.inside.event, 'board', { groupId: found.group.id, entry: entryJson(outcome.entry) }, boardAudience(found.group));
    if (wantsJson(request)) return privateReply(reply).send({ entry: entryJson(outcome.entry) });
    return privateReply(reply).redirect(`${groupPath(found.inside.event, found.group)}?done=added#entry-${outcome.entry.id}`, 303);
  });

  app.post<{ Params: { slug: string; id: string; entry: string }; Querystring: { fragment?: string; done?: string } }>('/events/:slug/live/groups/:id/entries/:entry', async (request, reply) => {
    const found = await groupFor(request);
    if (!found.canWrite) throw new HttpError(403);
    const id = Number(request.params.entry);
    if (!Number.isSafeInteger(id)) throw new HttpError(404);
    const { inside, group } = found;
    if (field(request.body, 'action') === 'delete') {
      if (!(await boards.remove(group.id, id))) throw new HttpError(404);
      await announce(inside.event, 'board', { groupId: group.id, removed: id }, boardAudience(group));
      if (wantsJson(request)) return privateReply(reply).send({ removed: id });
      return privateReply(reply).redirect(`${groupPath(inside.event, group)}?done=removed`, 303);
    }
    const version = Number(field(request.body, 'version'));
    if (!Number.isSafeInteger(version)) throw new HttpError(400);
    const entry = readEntry(request);
    if (entry.error) return wantsJson(request) ? reply.code(422).send({ error: entry.error }) : show(request, reply, found, { key: String(id), text: entry.text, message: entry.error }, 422);
    const outcome: SaveOutcome = await boards.save(group.id, id, entry.text, version, inside.key);
    switch (outcome.kind) {
      case 'gone':
        if (wantsJson(request)) return reply.code(404).send({ error: request.t.networking.gone });
        throw new HttpError(404);
      case 'conflict':
        // Nothing is lost: the page shows the other person's text, and the typed one next to it.
        if (wantsJson(request)) return reply.code(409).send({ error: request.t.networking.conflict, entry: entryJson(outcome.entry), yours: entry.text });
        return show(request, reply, found, { key: String(id), text: outcome.entry.text, message: `${request.t.networking.conflict} ${request.t.networking.yourVersion}: „${entry.text}“` }, 409);
      case 'full':
        throw new HttpError(409);
      case 'saved':
        await announce(inside.event, 'board', { groupId: group.id, entry: entryJson(outcome.entry) }, boardAudience(group));
        if (wantsJson(request)) return privateReply(reply).send({ entry: entryJson(outcome.entry) });
        return privateReply(reply).redirect(`${groupPath(inside.event, group)}?done=saved#entry-${id}`, 303);
    }
  });
};
