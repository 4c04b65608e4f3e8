// What the live room's page shows of the networking rounds to one person: the running round (or
// the last one that ended) and, for a participant, their group in it.
import type { Services } from '../../app.js';
import { inGroup } from './rounds.service.js';
import type { RoundView } from './views/RoundPart.js';

/** What the live room's page shows of the rounds to this person (RoundPart). */
export async function roundView(
  services: Pick<Services, 'rounds'>, eventId: number,
  viewer: { kind: 'participant'; registrationId: number } | { kind: 'team'; canSteer: boolean },
  topicsNotice: string | undefined = undefined,
): Promise<RoundView> {
  const round = await services.rounds.current(eventId);
  if (viewer.kind === 'team') return { round, group: null, viewer: 'team', canSteer: viewer.canSteer, choice: null };
  const group = round?.groups.find((g) => inGroup(g, viewer.registrationId)) ?? null;
  // A thematic round still to come: the participant's topics, which they may change until it starts.
  const next = await services.rounds.nextThematic(eventId);
  const choice = next ? {
    round: next.number, theme: next.theme, chosen: await services.rounds.chosen(viewer.registrationId, next.theme),
    notice: topicsNotice === 'saved' || topicsNotice === 'invalid' ? topicsNotice as 'saved' | 'invalid' : null,
  } : null;
  return { round, group, viewer: 'participant', canSteer: false, choice };
}
