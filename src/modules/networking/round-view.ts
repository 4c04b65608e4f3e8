// What the live room's page shows of the networking rounds to one person: the running round (or
// the last one that ended) and, for a participant, their group in it.
import type { Services } from '../../app.js';
import { inGroup } from './rounds.service.js';
import type { RoundView } from './views/RoundPart.js';

/** What the live room's page shows of the rounds to this person (RoundPart). */
export async function roundView(services: Pick<Services, 'rounds'>, eventId: number, viewer: { kind: 'participant'; registrationId: number } | { kind: 'team'; canSteer: boolean }): Promise<RoundView> {
  const round = await services.rounds.current(eventId);
  if (viewer.kind === 'team') return { round, group: null, viewer: 'team', canSteer: viewer.canSteer };
  const group = round?.groups.find((g) => inGroup(g, viewer.registrationId)) ?? null;
  return { round, group, viewer: 'participant', canSteer: false };
}
