// The planner's view of its input: people as indices 0…n-1, labs, levels and chosen topics as
// small integers, pairs as adjacency lists. Checks the input once and says clearly what is wrong.
import { groupSizes } from './group-sizes.js';
import { PlanningError, type PlanInput } from './scheduler.types.js';

/** Most people in one plan (the pair table takes n² bytes twice). */
export const MAX_PEOPLE = 10_000;
/** Most rounds in one plan (meeting counts are kept in bytes). */
export const MAX_ROUNDS = 200;
/** Most topics of one thematic round (chosen topics are kept as a bit mask). */
export const MAX_TOPICS = 30;

export interface Instance {
  n: number;
  rounds: number;
  ids: string[];
  /** Group sizes of every round, largest first. */
  sizes: number[];
  groups: number;
  smax: number;
  smin: number;
  /** Lab of each person (-1 = none), and how many people each lab has. */
  lab: Int32Array;
  labSize: number[];
  /** Level of each person (-1 = none), and how many people each level has. */
  level: Int32Array;
  levelSize: number[];
  /** Pairs who met before, as [a0, b0, a1, b1, …] (each pair once). */
  met: Int32Array;
  apart: number[][];
  together: number[][];
  /** Per round: the topics of a thematic round, or null for a mixed round. */
  themes: (string[] | null)[];
  /** Per round: each person's chosen topics among that round's, as a bit mask (null for mixed rounds). */
  topicMask: (Int32Array | null)[];
}

function whole(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PlanningError(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

export function compileInstance(input: PlanInput): Instance {
  if (!Array.isArray(input.people as unknown)) throw new PlanningError('people must be a list');
  const n = input.people.length;
  if (n > MAX_PEOPLE) throw new PlanningError(`at most ${MAX_PEOPLE} people can be planned at once, got ${n}`);
  const groupSize = whole(input.groupSize, 'groupSize', 2, Number.MAX_SAFE_INTEGER);
  const rounds = whole(input.rounds, 'rounds', 0, MAX_ROUNDS);
  const spread = input.spread ?? 'both';
  if (spread !== 'both' && spread !== 'smaller' && spread !== 'larger') throw new PlanningError(`spread must be both, smaller or larger, got ${String(spread)}`);
  if (input.timeLimitMs !== undefined && !(typeof input.timeLimitMs === 'number' && input.timeLimitMs > 0)) {
    throw new PlanningError(`timeLimitMs must be a positive number of milliseconds, got ${String(input.timeLimitMs)}`);
  }

  const ids: string[] = [];
  const index = new Map<string, number>();
  const labs = new Map<string, number>();
  const levels = new Map<string, number>();
  const lab = new Int32Array(n);
  const level = new Int32Array(n);
  const labSize: number[] = [];
  const levelSize: number[] = [];
  for (const [i, person] of input.people.entries()) {
    if (typeof person?.id !== 'string' || person.id === '') throw new PlanningError(`person ${i + 1} has no id`);
    if (index.has(person.id)) throw new PlanningError(`the id "${person.id}" is there twice`);
    index.set(person.id, i);
    ids.push(person.id);
    lab[i] = intern(labs, labSize, person.lab);
    level[i] = intern(levels, levelSize, person.level);
  }

  const sizes = groupSizes(n, groupSize, spread);
  const pairs = (list: readonly (readonly [string, string])[] | undefined, name: string) => {
    const adjacency: number[][] = Array.from({ length: n }, () => []);
    const seen = new Set<number>();
    for (const pair of list ?? []) {
      if (!Array.isArray(pair as unknown) || pair.length !== 2) throw new PlanningError(`${name} must be a list of pairs of ids`);
      // People who are not (or no longer) here are left out: re-planning passes earlier pairs as they are.
      const a = index.get(pair[0]);
      const b = index.get(pair[1]);
      if (a === undefined || b === undefined || a === b) continue;
      const key = Math.min(a, b) * n + Math.max(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      adjacency[a]!.push(b);
      adjacency[b]!.push(a);
    }
    return { adjacency, seen };
  };
  const apart = pairs(input.apart, 'apart');
  const together = pairs(input.together, 'together');
  for (const key of apart.seen) {
    if (together.seen.has(key)) {
      throw new PlanningError(`${ids[Math.floor(key / n)]} and ${ids[key % n]} are to be kept apart and together at once`);
    }
  }
  const met = pairs(input.met, 'met');
  const metFlat = new Int32Array(met.seen.size * 2);
  let k = 0;
  for (const key of met.seen) {
    metFlat[k++] = Math.floor(key / n);
    metFlat[k++] = key % n;
  }

  if (input.themes !== undefined && !Array.isArray(input.themes as unknown)) throw new PlanningError('themes must be a list (one entry per round)');
  const themes: (string[] | null)[] = [];
  const topicMask: (Int32Array | null)[] = [];
  for (let r = 0; r < rounds; r++) {
    const raw = input.themes?.[r] ?? null;
    const topics = raw === null ? [] : [...new Set(raw)];
    if (topics.some((t) => typeof t !== 'string')) throw new PlanningError(`the topics of round ${r + 1} must be strings`);
    if (topics.length > MAX_TOPICS) throw new PlanningError(`round ${r + 1} has ${topics.length} topics; at most ${MAX_TOPICS} are possible`);
    if (topics.length === 0) {
      themes.push(null);
      topicMask.push(null);
      continue;
    }
    const bit = new Map(topics.map((t, i) => [t, 1 << i]));
    const mask = new Int32Array(n);
    for (const [i, person] of input.people.entries()) {
      for (const t of person.topics ?? []) mask[i]! |= bit.get(t) ?? 0;
    }
    themes.push(topics);
    topicMask.push(mask);
  }

  return {
    n,
    rounds,
    ids,
    sizes,
    groups: sizes.length,
    smax: sizes[0] ?? 0,
    smin: sizes[sizes.length - 1] ?? 0,
    lab,
    labSize,
    level,
    levelSize,
    met: metFlat,
    apart: apart.adjacency,
    together: together.adjacency,
    themes,
    topicMask,
  };
}

function intern(names: Map<string, number>, sizes: number[], value: string | null | undefined): number {
  if (value === null || value === undefined || value === '') return -1;
  let id = names.get(value);
  if (id === undefined) {
    id = names.size;
    names.set(value, id);
    sizes.push(0);
  }
  sizes[id]!++;
  return id;
}
