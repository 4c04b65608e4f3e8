// The breakout-round scheduler's input and output (issue #6). The scheduler is pure: no I/O, no
// clock except for its time limit, no Math.random — the same input and seed give the same plan.

export interface Person {
  id: string;
  lab?: string | null;
  /** Level of government: bund, land, kommune, … (any strings; null = unknown). */
  level?: string | null;
  land?: string | null;
  /** Topics the person chose, for thematic rounds. */
  topics?: readonly string[];
}

export type Spread = 'both' | 'smaller' | 'larger';

export interface PlanInput {
  people: readonly Person[];
  groupSize: number;
  /** Allowed sizes when numbers do not divide: groups have groupSize-1 … groupSize+1 members by default; 'smaller' = only groupSize-1 … groupSize, 'larger' = groupSize … groupSize+1. */
  spread?: Spread;
  rounds: number;
  /** Pairs never to put in one group (hard). */
  apart?: readonly (readonly [string, string])[];
  /** Pairs to put in one group in every round where possible (soft, strong). */
  together?: readonly (readonly [string, string])[];
  /** Pairs who met before (earlier rounds or meetings): meeting again counts as a repeat. */
  met?: readonly (readonly [string, string])[];
  /** Per round (index 0 = first planned round): null = mixed round; a list of topics = thematic round (people grouped with others who chose the same topic, each group labelled with its topic). */
  themes?: readonly (readonly string[] | null)[];
  seed?: number;
  /** Stop searching after this many ms (default: 1,000 for n ≤ 300 everyday instances, up to 10,000 for hard ones); the best plan found is returned. */
  timeLimitMs?: number;
}

export interface PlannedGroup {
  members: string[];
  topic: string | null;
}

export interface Figures {
  /** Encounters that repeat: a pair meeting for the 2nd time (in the plan, or after `met`) counts 1, for the 3rd time 2 more, … ("together" pairs are not counted). */
  repeatedPairs: number;
  /** Distinct pairs meeting in the plan who had not met before. */
  newEncounters: number;
  /** Upper bound of `newEncounters` for these people, group sizes and rounds. */
  possibleEncounters: number;
  /** Pairs of people from the same lab in one group, summed over the rounds ("together" pairs not counted). */
  sameLabPairs: number;
  /** 0..1, 1 = levels spread as evenly as the lower bound allows, 0 = as clustered as sorting by level and cutting. */
  levelMix: number;
  /** 0..1: of the people who chose one of a thematic round's topics, the share placed in a group of such a topic (1 without thematic rounds). */
  topicFit: number;
  /** "Apart" pairs in one group, summed over the rounds (a plan from planRounds always has 0). */
  apartViolations?: number;
  /** Rounds in which a "together" pair was split, summed over the pairs. */
  togetherSplit?: number;
}

export interface PlanStats {
  /** Milliseconds spent in planRounds. */
  elapsedMs: number;
  /** Local-search moves made. */
  iterations: number;
  /** How the search ended: reached a lower bound, used its budget of moves, hit the time limit, or had nothing left to improve. */
  stoppedBy: 'optimal' | 'budget' | 'time' | 'settled';
  /** The combinatorial construction the plan started from, if any (e.g. "AG(2,4)", "KTS(15)"). */
  construction: string | null;
}

export interface Plan {
  rounds: PlannedGroup[][];
  figures: Figures;
  /** How the plan was found (for benchmarks and logs). */
  stats?: PlanStats;
}

/** The input cannot be planned as asked (e.g. "apart" pairs that cannot all be kept apart). */
export class PlanningError extends Error {
  override name = 'PlanningError';
}
