// Demo data of the community (seed/demo-community.json): the labs the first meeting named and two
// example practices. Only what is missing is added, so seeding twice changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { seedDir } from '../platform/paths.js';
import { SYSTEM_ACTOR } from '../platform/audit/audit.js';
import type { LandCode, Level } from '../platform/germany.js';
import type { LabsService } from '../modules/community/labs.service.js';
import type { PracticesService } from '../modules/community/practices.service.js';
import type { ChallengesService } from '../modules/community/challenges.service.js';
import type { PracticeEffort, Visibility } from '../modules/community/community.types.js';

interface DemoCommunity {
  labs: Array<{
    slug: string; name: string; level: Level; land: LandCode | null; city: string; parentBody: string; website: string | null; founded: number | null;
    topics: string[]; description: string; team: string; contactEmail: string | null; contactPublic: boolean;
  }>;
  practices: Array<{
    slug: string; title: string; labs: string[]; problem: string; approach: string; results: string; adapt: string; effort: PracticeEffort | null;
    contact: string; topics: string[]; links: string[]; visibility: Visibility;
  }>;
  challenges?: Array<{ slug: string; title: string; description: string; topics: string[]; visibility: Visibility; practices: string[] }>;
}

export const DEMO_COMMUNITY_FILE = path.join(seedDir, 'demo-community.json');

export async function seedCommunity(deps: { labs: LabsService; practices: PracticesService; challenges: ChallengesService }, file = DEMO_COMMUNITY_FILE): Promise<string[]> {
  const demo = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoCommunity;
  const created: string[] = [];
  for (const lab of demo.labs) {
    if (await deps.labs.slugTaken(lab.slug)) continue;
    await deps.labs.create(lab, SYSTEM_ACTOR);
    created.push(`lab:${lab.slug}`);
  }
  for (const { slug, labs, ...practice } of demo.practices) {
    if (await deps.practices.bySlug(slug)) continue;
    const labIds = (await Promise.all(labs.map((s) => deps.labs.bySlug(s)))).flatMap((lab) => (lab ? [lab.id] : []));
    const made = await deps.practices.create({ ...practice, labIds }, null, SYSTEM_ACTOR, { status: 'published', slug });
    created.push(`practice:${made.slug}`);
  }
  for (const { slug, practices, ...challenge } of demo.challenges ?? []) {
    if (await deps.challenges.bySlug(slug)) continue;
    const practiceIds = (await Promise.all(practices.map((s) => deps.practices.bySlug(s)))).flatMap((p) => (p ? [p.id] : []));
    const made = await deps.challenges.create({ ...challenge, practiceIds }, null, SYSTEM_ACTOR, { status: 'published' });
    created.push(`challenge:${made.slug}`);
  }
  return created;
}
