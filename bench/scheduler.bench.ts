// Benchmark of the breakout-round scheduler (issue #6, item 2): for a table of instances — the
// Social Golfer yardsticks, everyday meetings of 20–300 people, numbers that do not divide,
// instances near the theoretical bound, meetings with labs, levels and topics, re-planning after
// no-shows and late joiners — the planner's time and figures next to random breakout rooms
// (shuffle and cut into the same group sizes, as Zoom, BigBlueButton and Jitsi assign them; the
// mean of 20 shuffles). Prints a Markdown table for bench/RESULTS.md.
//
//   npm run bench:scheduler
//   npx tsx bench/scheduler.bench.ts [--random-runs 20] [--only <text in the instance's name>] [--seed 1] [--no-search-alone]
//
// A second table shows what local search does alone (no construction) near the bound: the greedy
// start and the tabu search of planRounds, 10 s each, for three seeds.
//
// Figures (see src/modules/networking/scheduler/evaluate.ts): repeats = encounters with someone met
// before (in an earlier round or, for re-planning, the rounds already held); new = distinct new
// pairs / the upper bound for those group sizes; lab = pairs of colleagues in one group, summed
// over rounds; level mix 0..1 (1 = every level spread evenly); topic fit = share of people placed
// in a group of a topic they chose (thematic rounds only). A benchmark asserts nothing; the script
// exits 1 only if a plan is not a partition of its people.
import { parseArgs } from 'node:util';
import { planRounds } from '../src/modules/networking/scheduler/scheduler.js';
import { evaluatePlan } from '../src/modules/networking/scheduler/evaluate.js';
import { groupSizes } from '../src/modules/networking/scheduler/group-sizes.js';
import { labelGroups } from '../src/modules/networking/scheduler/topics.js';
import { compileInstance } from '../src/modules/networking/scheduler/instance.js';
import { greedyPlan } from '../src/modules/networking/scheduler/greedy.js';
import { State } from '../src/modules/networking/scheduler/state.js';
import { tabuSearch } from '../src/modules/networking/scheduler/search.js';
import { mulberry32, shuffle, type Rng } from '../src/modules/networking/scheduler/random.js';
import type { Figures, Person, PlanInput, PlannedGroup } from '../src/modules/networking/scheduler/scheduler.types.js';
import { loadAverage, machine } from './report.js';

interface Instance {
  name: string;
  input: PlanInput;
  /** For re-planning: rounds already held (their pairs are in input.met). */
  note?: string;
}

const LEVELS: [string, number][] = [['kommune', 0.5], ['land', 0.25], ['bund', 0.15], ['wissenschaft', 0.1]];
const TOPICS = ['Open Data', 'KI', 'Beteiligung', 'Verwaltungsmodernisierung', 'Nachhaltigkeit'];

const plain = (n: number): Person[] => Array.from({ length: n }, (_, i) => ({ id: String(i) }));

/** n people from `labs` labs of uneven size (a few large, many of 1–3); each lab has a level, each person 1–2 topics. */
function meeting(n: number, labs: number, seed: number): Person[] {
  const rng = mulberry32(seed);
  const levelOfLab = Array.from({ length: labs }, () => {
    let x = rng.next();
    for (const [level, share] of LEVELS) {
      if (x < share) return level;
      x -= share;
    }
    return LEVELS[0]![0];
  });
  const topic = () => TOPICS[Math.min(TOPICS.length - 1, Math.floor(rng.next() ** 1.5 * TOPICS.length))]!;
  return Array.from({ length: n }, (_, i) => {
    // Every lab has at least one person; the rest go to labs with a skew towards the first ones.
    const lab = i < labs ? i : Math.floor(rng.next() ** 2 * labs);
    const topics = [...new Set([topic(), ...(rng.next() < 0.4 ? [topic()] : [])])];
    return { id: `p${i}`, lab: `lab-${lab}`, level: levelOfLab[lab]!, topics };
  });
}

function instances(seed: number): Instance[] {
  const list: Instance[] = [];
  const sgp = (n: number, s: number, r: number, note?: string) =>
    list.push({ name: `${n}/${s}/${r}`, input: { people: plain(n), groupSize: s, rounds: r, seed }, ...(note ? { note } : {}) });
  sgp(15, 3, 7, "Kirkman's schoolgirls (bound 7)");
  sgp(32, 4, 9, 'social golfers (bound 10)');
  sgp(9, 3, 4, 'affine plane, bound');
  sgp(16, 4, 5, 'affine plane, bound');
  sgp(25, 5, 6, 'affine plane, bound');
  sgp(27, 3, 13, 'KTS(27) = AG(3,3), bound');
  sgp(21, 3, 10, 'KTS(21) exists; search only');
  sgp(40, 4, 10, 'bound 13; search only');
  sgp(36, 6, 7, 'bound 7, but only 3 exist (Euler)');
  sgp(20, 4, 4);
  sgp(20, 4, 6, 'bound 6');
  sgp(20, 6, 6, 'groups 7,7,6: repeats unavoidable');
  sgp(30, 3, 6);
  sgp(50, 5, 5);
  sgp(100, 4, 6);
  sgp(150, 6, 6);
  sgp(300, 5, 6);
  sgp(300, 3, 6);
  sgp(301, 4, 6, 'does not divide: 74×4 + 1×5');
  sgp(1000, 5, 10, 'large');

  const labs = (n: number, labCount: number, s: number, r: number, note?: string, themes?: PlanInput['themes']) =>
    list.push({
      name: `${n}/${s}/${r}, ${labCount} labs${themes ? ', thematic' : ''}`,
      input: { people: meeting(n, labCount, seed + n), groupSize: s, rounds: r, seed, ...(themes ? { themes } : {}) },
      ...(note ? { note } : {}),
    });
  labs(24, 8, 4, 4, 'small, labs of 1–8');
  labs(60, 12, 3, 5);
  labs(120, 30, 4, 6, '4 levels');
  labs(200, 60, 5, 6);
  labs(300, 80, 5, 6);
  labs(300, 120, 3, 6);
  labs(120, 30, 4, 4, 'rounds 2 and 4 on 3 topics', [null, TOPICS.slice(0, 3), null, TOPICS.slice(0, 3)]);

  // Re-planning: 100 people, 5 rounds of 4 planned; after round 2, 6 no-shows and 4 late joiners;
  // rounds 3–5 planned again for the 98 present, with the pairs of rounds 1–2 as met.
  const people = meeting(100, 25, seed + 7);
  const first = planRounds({ people, groupSize: 4, rounds: 5, seed });
  const held = first.rounds.slice(0, 2);
  const gone = new Set(['p3', 'p17', 'p42', 'p58', 'p71', 'p99']);
  const present = [...people.filter((p) => !gone.has(p.id)), ...meeting(4, 4, seed + 8).map((p, i) => ({ ...p, id: `late${i}`, lab: `late-lab-${i}` }))];
  const met = held.flatMap((groups) => groups.flatMap(({ members }) => members.flatMap((a, i) => members.slice(i + 1).map((b): [string, string] => [a, b]))));
  list.push({ name: '98/4/3 re-planned, 25 labs', input: { people: present, groupSize: 4, rounds: 3, met, seed }, note: 'after 2 of 5 rounds: 6 left, 4 joined' });
  return list;
}

/** Random breakout rooms: each round a fresh shuffle, cut into the planner's group sizes. */
function randomRooms(input: PlanInput, rng: Rng): PlannedGroup[][] {
  const sizes = groupSizes(input.people.length, input.groupSize, input.spread);
  return Array.from({ length: input.rounds }, (_, r) => {
    const ids = shuffle(rng, input.people.map((p) => p.id));
    let at = 0;
    const groups = sizes.map((size) => {
      const members = ids.slice(at, at + size);
      at += size;
      return members;
    });
    const themes = input.themes?.[r];
    const byId = new Map(input.people.map((p) => [p.id, p]));
    const topics = themes ? labelGroups(themes, groups.map((m) => m.map((id) => byId.get(id)!.topics))) : null;
    return groups.map((members, g) => ({ members, topic: topics?.[g] ?? null }));
  });
}

function isPartition(input: PlanInput, rounds: readonly (readonly PlannedGroup[])[]): boolean {
  const ids = input.people.map((p) => p.id).sort().join('\n');
  return rounds.length === input.rounds && rounds.every((groups) => groups.flatMap((g) => g.members).sort().join('\n') === ids);
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const one = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const mix = (x: number) => x.toFixed(2);

function main(): number {
  const { values } = parseArgs({
    options: {
      'random-runs': { type: 'string', default: '20' },
      only: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'no-search-alone': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npx tsx bench/scheduler.bench.ts [--random-runs 20] [--only <text>] [--seed 1] [--no-search-alone]');
    return 0;
  }
  const runs = Number(values['random-runs']);
  const seed = Number(values.seed);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error('--random-runs and --seed must be whole numbers (runs ≥ 1)');

  console.log(`Machine: ${machine()}; load average ${loadAverage()}`);
  console.log(`Started ${new Date().toISOString()}; random rooms: mean of ${runs} shuffles per instance\n`);
  const header = '| instance | people / size / rounds | planner ms | how | repeats: planner / random | new encounters: planner / random / max | same-lab pairs: planner / random | level mix: planner / random | topic fit: planner / random |';
  const rows = [header, `|${'---|'.repeat(9)}`];
  let valid = true;
  for (const instance of instances(seed)) {
    if (values.only && !instance.name.includes(values.only)) continue;
    const { input } = instance;
    const started = performance.now();
    const plan = planRounds(input);
    const ms = performance.now() - started;
    if (!isPartition(input, plan.rounds)) {
      console.error(`${instance.name}: the plan is not a partition`);
      valid = false;
    }
    const rng = mulberry32(seed * 1_000 + input.people.length);
    const sum: Figures = { repeatedPairs: 0, newEncounters: 0, possibleEncounters: 0, sameLabPairs: 0, levelMix: 0, topicFit: 0 };
    for (let k = 0; k < runs; k++) {
      const f = evaluatePlan(input, randomRooms(input, rng));
      sum.repeatedPairs += f.repeatedPairs / runs;
      sum.newEncounters += f.newEncounters / runs;
      sum.sameLabPairs += f.sameLabPairs / runs;
      sum.levelMix += f.levelMix / runs;
      sum.topicFit += f.topicFit / runs;
    }
    const f = plan.figures;
    const hasLevels = input.people.some((p) => p.level);
    const hasLabs = input.people.some((p) => p.lab);
    const hasThemes = input.themes?.some((t) => t && t.length > 0) ?? false;
    const how = [plan.stats?.construction, plan.stats?.stoppedBy].filter(Boolean).join(', ');
    const name = instance.note ? `${instance.name} (${instance.note})` : instance.name;
    const n = input.people.length;
    const shape = `${n} / ${input.groupSize} / ${input.rounds}`;
    rows.push(
      `| ${name} | ${shape} | ${int(ms)} | ${how} | **${int(f.repeatedPairs)}** / ${one(sum.repeatedPairs)} | **${int(f.newEncounters)}** / ${int(sum.newEncounters)} / ${int(f.possibleEncounters)} | ${hasLabs ? `**${int(f.sameLabPairs)}** / ${one(sum.sameLabPairs)}` : '–'} | ${hasLevels ? `**${mix(f.levelMix)}** / ${mix(sum.levelMix)}` : '–'} | ${hasThemes ? `**${mix(f.topicFit)}** / ${mix(sum.topicFit)}` : '–'} |`,
    );
    console.error(`${name}: ${int(ms)} ms, ${how}, repeats ${f.repeatedPairs}`);
  }
  console.log(rows.join('\n'));
  if (!values['no-search-alone'] && !values.only) searchAlone();
  return valid ? 0 : 1;
}

/** Greedy start and tabu search without any construction, 10 s per run, seeds 1–3. */
function searchAlone(): void {
  const rows = ['| instance (search alone) | seed 1 | seed 2 | seed 3 |', '|---|---|---|---|'];
  for (const [n, s, r] of [[15, 3, 7], [32, 4, 8], [32, 4, 9], [21, 3, 10], [40, 4, 10]] as const) {
    const cells: string[] = [];
    for (const seed of [1, 2, 3]) {
      const inst = compileInstance({ people: plain(n), groupSize: s, rounds: r });
      const rng = mulberry32(seed);
      const started = performance.now();
      const state = new State(inst, greedyPlan(inst, rng));
      const repeatsNow = () => {
        let count = 0;
        for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) count += Math.max(0, state.cnt[a * n + b]! - 1);
        return count;
      };
      const start = repeatsNow();
      tabuSearch(state, rng, { lowerBound: 0, maxWork: Number.POSITIVE_INFINITY, deadline: started + 10_000 });
      const repeats = repeatsNow();
      cells.push(`${repeats === 0 ? '**0**' : repeats} repeats in ${int(performance.now() - started)} ms (greedy start: ${start})`);
    }
    rows.push(`| ${n}/${s}/${r} | ${cells.join(' | ')} |`);
    console.error(`search alone ${n}/${s}/${r} done`);
  }
  console.log(`\n${rows.join('\n')}`);
}

process.exitCode = main();
