// planRounds: breakout rounds for a networking meeting (issue #6). Pure — no I/O; the clock is
// read only for the time limit, and randomness comes from the seed.
//
// 1. A known construction where one fits (see constructions.ts), with people assigned to its
//    points at random (by seed); rounds it cannot give are filled greedily (greedy.ts).
// 2. Tabu search over swaps (search.ts) until the cost reaches a lower bound (bounds.ts), the
//    budget of moves is used, or the time limit is near. Budgets are counted in moves so that the
//    same seed gives the same plan on any machine; the time limit is only a safety net.
// 3. The figures (evaluate.ts), counted independently.
//
// Re-planning after late joiners and no-shows needs nothing special: the caller passes the people
// now present and, in `met`, every pair that met in the rounds already held.
import { construct } from './constructions.js';
import { evaluatePlan } from './evaluate.js';
import { greedyPlan } from './greedy.js';
import { compileInstance, type Instance } from './instance.js';
import { lowerBound } from './bounds.js';
import { mulberry32, permutation, seedFrom } from './random.js';
import { tabuSearch, type SearchOutcome } from './search.js';
import { State } from './state.js';
import { labelGroups } from './topics.js';
import { PlanningError, type Plan, type PlanInput, type PlannedGroup, type PlanStats } from './scheduler.types.js';

/**
 * Search work (person-steps, see search.ts) per millisecond assumed when turning a time limit into
 * a budget: about half of what one core of the project's machines does, so that the budget — not
 * the clock — normally ends a search, and plans stay the same for the same seed.
 */
const WORK_PER_MS = 60_000;

/** Everyday meetings: up to 300 people, groups up to 7, up to 6 rounds — planned in under a second. */
export function isEveryday(inst: Pick<Instance, 'n' | 'rounds' | 'smax'>): boolean {
  return inst.n <= 300 && inst.rounds <= 6 && inst.smax <= 7;
}

/** The default time limit: 1 s for everyday meetings, 10 s near the bound (each meets half of all or more), else 3 s. */
export function defaultTimeLimit(inst: Instance): number {
  if (isEveryday(inst)) return 1_000;
  const density = (inst.rounds * (inst.smin - 1)) / Math.max(1, inst.n - 1);
  return density >= 0.5 ? 10_000 : 3_000;
}

export function planRounds(input: PlanInput): Plan {
  const started = performance.now();
  const inst = compileInstance(input);
  const { n, rounds: R, groups: g } = inst;
  const rng = mulberry32(seedFrom(input.seed));
  const limit = input.timeLimitMs ?? defaultTimeLimit(inst);

  let construction: string | null = null;
  let outcome: Pick<SearchOutcome, 'iterations' | 'stoppedBy'> = { iterations: 0, stoppedBy: 'optimal' };
  let groupOf: Int32Array;
  if (R === 0 || g <= 1) {
    groupOf = new Int32Array(R * n);
  } else {
    const fixed: Int32Array[] = [];
    if (inst.smax === inst.smin) {
      const design = construct(n, inst.smax, R);
      if (design) {
        construction = design.name;
        const person = permutation(rng, n);
        for (const round of design.rounds) {
          const assignment = new Int32Array(n);
          round.forEach((points, G) => points.forEach((point) => (assignment[person[point]!] = G)));
          fixed.push(assignment);
        }
      }
    }
    const state = new State(inst, greedyPlan(inst, rng, fixed));
    const bound = lowerBound(inst);
    if (state.cost > bound) {
      // A margin for building the answer and its figures.
      const deadline = started + limit - Math.min(100, limit * 0.1);
      outcome = tabuSearch(state, rng, { lowerBound: bound, maxWork: WORK_PER_MS * limit, deadline });
    }
    groupOf = state.groupOf;
  }

  for (let r = 0; r < R; r++) {
    for (let p = 0; p < n; p++) {
      for (const q of inst.apart[p]!) {
        if (q > p && groupOf[r * n + p] === groupOf[r * n + q]) {
          throw new PlanningError(`${inst.ids[p]} and ${inst.ids[q]} cannot be kept apart in round ${r + 1}: there are too few groups for the pairs to keep apart`);
        }
      }
    }
  }
  const rounds = toGroups(input, inst, groupOf);
  const stats: PlanStats = { elapsedMs: 0, iterations: outcome.iterations, stoppedBy: outcome.stoppedBy, construction };
  const figures = evaluatePlan(input, rounds);
  stats.elapsedMs = performance.now() - started;
  return { rounds, figures, stats };
}

/** Rounds of groups of ids: members in input order, groups by their first member; thematic rounds' groups labelled. */
function toGroups(input: PlanInput, inst: Instance, groupOf: Int32Array): PlannedGroup[][] {
  const { n, rounds: R, groups: g, ids } = inst;
  const result: PlannedGroup[][] = [];
  for (let r = 0; r < R; r++) {
    const members: number[][] = Array.from({ length: Math.max(g, n > 0 ? 1 : 0) }, () => []);
    for (let p = 0; p < n; p++) members[groupOf[r * n + p]!]!.push(p);
    const ordered = members.filter((m) => m.length > 0).sort((a, b) => a[0]! - b[0]!);
    const themes = inst.themes[r];
    const topics = themes
      ? labelGroups(themes, ordered.map((m) => m.map((p) => input.people[p]!.topics)))
      : null;
    result.push(ordered.map((m, G) => ({ members: m.map((p) => ids[p]!), topic: topics?.[G] ?? null })));
  }
  return result;
}
