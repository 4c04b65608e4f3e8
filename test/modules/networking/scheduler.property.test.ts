// Property-based tests of the breakout-round scheduler (issue #6, item 7): for random meetings —
// people with and without labs, levels and topics, group sizes that do not divide, earlier
// encounters, pairs to keep together or apart, thematic rounds — every plan is a partition of
// exactly the participants in every round, with group sizes in the allowed spread, and honours
// the hard rules. Time limits are kept short (the properties do not depend on how long the search
// runs), so the whole file takes well under 30 s.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planRounds } from '../../../src/modules/networking/scheduler/scheduler.js';
import { groupSizes } from '../../../src/modules/networking/scheduler/group-sizes.js';
import { PlanningError, type Person, type PlanInput, type PlannedGroup, type Spread } from '../../../src/modules/networking/scheduler/scheduler.types.js';

const MAX_PEOPLE = 60;
const LEVELS = ['bund', 'land', 'kommune', 'wissenschaft'];
const TOPICS = ['Open Data', 'KI', 'Beteiligung', 'Recht'];
const id = (i: number) => `r${i}`;

const shape = (limits: { minPeople?: number; maxPeople?: number; maxRounds?: number; maxGroup?: number } = {}) =>
  fc.record({
    n: fc.integer({ min: limits.minPeople ?? 0, max: limits.maxPeople ?? MAX_PEOPLE }),
    groupSize: fc.integer({ min: 2, max: limits.maxGroup ?? 6 }),
    rounds: fc.integer({ min: limits.maxRounds === undefined ? 0 : 1, max: limits.maxRounds ?? 4 }),
    spread: fc.constantFrom<Spread>('both', 'smaller', 'larger'),
    seed: fc.integer(),
  });

/** People with random labs (from a few to many), levels (or none) and topics. */
const peopleArb = fc.record({
  labCount: fc.integer({ min: 1, max: 30 }),
  labs: fc.array(fc.nat(1_000), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }),
  levels: fc.array(fc.option(fc.constantFrom(...LEVELS), { nil: null }), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }),
  topics: fc.array(fc.subarray(TOPICS), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }),
});

const pairsArb = (maxLength: number) => fc.array(fc.tuple(fc.nat(MAX_PEOPLE - 1), fc.nat(MAX_PEOPLE - 1)), { maxLength });

function people(n: number, p: { labCount: number; labs: number[]; levels: (string | null)[]; topics: string[][] }): Person[] {
  return Array.from({ length: n }, (_, i) => ({ id: id(i), lab: `lab-${p.labs[i]! % p.labCount}`, level: p.levels[i]!, topics: p.topics[i]! }));
}

const asPairs = (n: number, pairs: [number, number][]): [string, string][] =>
  pairs.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => [id(a), id(b)]);

function assertPartitions(input: PlanInput, rounds: readonly (readonly PlannedGroup[])[]) {
  assert.equal(rounds.length, input.rounds);
  const ids = input.people.map((p) => p.id).sort();
  const expected = groupSizes(input.people.length, input.groupSize, input.spread);
  const min = input.spread === 'larger' ? input.groupSize : input.groupSize - 1;
  const max = input.spread === 'smaller' ? input.groupSize : input.groupSize + 1;
  const n = input.people.length;
  const fits = Array.from({ length: n }, (_, i) => i + 1).some((g) => g * min <= n && n <= g * max);
  for (const [r, groups] of rounds.entries()) {
    assert.deepEqual(groups.flatMap((g) => g.members).sort(), ids, `round ${r + 1}: not a partition`);
    assert.equal(groups.length, expected.length);
    const sizes = groups.map((g) => g.members.length);
    assert.ok(sizes.every((s) => s > 0));
    if (sizes.length > 0) assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `round ${r + 1}: sizes ${sizes}`);
    if (fits) assert.ok(sizes.every((s) => s >= min && s <= max), `round ${r + 1}: sizes ${sizes} outside ${min}–${max}`);
    const themes = input.themes?.[r];
    for (const g of groups) {
      if (themes && themes.length > 0) assert.ok(g.topic !== null && themes.includes(g.topic), `round ${r + 1}: topic ${g.topic}`);
      else assert.equal(g.topic, null);
    }
  }
}

const together = (groups: readonly PlannedGroup[], a: string, b: string) => groups.some((g) => g.members.includes(a) && g.members.includes(b));

describe('breakout scheduler properties', () => {
  test('every round is a partition of exactly the participants, groups within the allowed spread', () => {
    fc.assert(
      fc.property(
        shape(),
        peopleArb,
        pairsArb(40),
        pairsArb(3),
        fc.array(fc.option(fc.subarray(TOPICS, { minLength: 1 }), { nil: null }), { maxLength: 4 }),
        (s, p, met, pairs, themes) => {
          const input: PlanInput = { people: people(s.n, p), groupSize: s.groupSize, rounds: s.rounds, spread: s.spread, met: asPairs(s.n, met), together: asPairs(s.n, pairs), themes, seed: s.seed, timeLimitMs: 150 };
          const plan = planRounds(input);
          assertPartitions(input, plan.rounds);
          assert.equal(plan.figures.apartViolations, 0);
        },
      ),
      { numRuns: 120 },
    );
  });

  test('"apart" pairs are never in one group', () => {
    fc.assert(
      fc.property(shape({ minPeople: 4 }), peopleArb, fc.array(fc.nat(MAX_PEOPLE - 1), { maxLength: 12 }), (s, p, picks) => {
        // Disjoint pairs (every person in at most one): always possible with two groups or more.
        const free = [...new Set(picks.filter((i) => i < s.n))];
        const apart: [string, string][] = [];
        for (let i = 0; i + 1 < free.length; i += 2) apart.push([id(free[i]!), id(free[i + 1]!)]);
        const input: PlanInput = { people: people(s.n, p), groupSize: s.groupSize, rounds: s.rounds, spread: s.spread, apart, seed: s.seed, timeLimitMs: 150 };
        const groups = groupSizes(s.n, s.groupSize, s.spread).length;
        if (groups < 2 && apart.length > 0 && s.rounds > 0) {
          assert.throws(() => planRounds(input), PlanningError);
          return;
        }
        const plan = planRounds(input);
        assertPartitions(input, plan.rounds);
        for (const round of plan.rounds) for (const [a, b] of apart) assert.ok(!together(round, a, b), `${a} and ${b} together`);
        assert.equal(plan.figures.apartViolations, 0);
      }),
      { numRuns: 80 },
    );
  });

  test('colleagues are never in one group when the labs are small enough to allow it', () => {
    fc.assert(
      fc.property(shape({ minPeople: 2, maxRounds: 3 }), fc.array(fc.nat(1_000), { minLength: MAX_PEOPLE, maxLength: MAX_PEOPLE }), (s, draws) => {
        const groups = groupSizes(s.n, s.groupSize, s.spread).length;
        // One round: labs of up to `groups` people can always be spread. More rounds: labs of
        // two, in meetings of 24 or more, leave plenty of room for the search.
        const rounds = s.n < 24 ? 1 : s.rounds;
        const labSize = rounds === 1 ? groups : 2;
        const labOf: number[] = [];
        let lab = 0;
        let left = 0;
        for (let i = 0; i < s.n; i++) {
          if (left === 0) {
            lab++;
            left = 1 + (draws[i]! % labSize);
          }
          labOf.push(lab);
          left--;
        }
        const input: PlanInput = { people: labOf.map((l, i) => ({ id: id(i), lab: `lab-${l}` })), groupSize: s.groupSize, rounds, spread: s.spread, seed: s.seed, timeLimitMs: 300 };
        const plan = planRounds(input);
        assertPartitions(input, plan.rounds);
        assert.equal(plan.figures.sameLabPairs, 0);
      }),
      { numRuns: 200 },
    );
  });

  test('nobody meets anyone twice when that is plainly possible', () => {
    fc.assert(
      fc.property(shape({ minPeople: 2 }), peopleArb, (s, p) => {
        // One round with no earlier encounters, or two rounds in a meeting large enough that
        // each person's second group can avoid their first (≥ 2·size² people).
        const rounds = s.n >= 2 * (s.groupSize + 1) ** 2 ? Math.min(2, s.rounds) : Math.min(1, s.rounds);
        const input: PlanInput = { people: people(s.n, p), groupSize: s.groupSize, rounds, spread: s.spread, seed: s.seed, timeLimitMs: 300 };
        const plan = planRounds(input);
        assertPartitions(input, plan.rounds);
        assert.equal(plan.figures.repeatedPairs, 0);
      }),
      { numRuns: 200 },
    );
  });

  test('the same input and seed give the same plan', () => {
    fc.assert(
      fc.property(shape({ maxPeople: 40 }), peopleArb, pairsArb(20), (s, p, met) => {
        const input: PlanInput = { people: people(s.n, p), groupSize: s.groupSize, rounds: s.rounds, spread: s.spread, met: asPairs(s.n, met), seed: s.seed, timeLimitMs: 400 };
        const a = planRounds(input);
        const b = planRounds(input);
        // Plans are fixed by the seed; only a search cut short by the clock may differ.
        fc.pre(a.stats?.stoppedBy !== 'time' && b.stats?.stoppedBy !== 'time');
        assert.deepEqual(a.rounds, b.rounds);
        assert.deepEqual(a.figures, b.figures);
      }),
      { numRuns: 25 },
    );
  });
});
