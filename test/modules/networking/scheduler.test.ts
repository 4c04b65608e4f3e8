// The breakout-round scheduler (issue #6): the Social Golfer yardsticks (Kirkman's schoolgirls,
// 32 golfers in fours over 9 weeks), the priorities (no repeats, no colleagues in a group, levels
// mixed, topics respected), apart/together pairs, re-planning after no-shows and late joiners,
// group sizes when the numbers do not divide, and the same plan for the same seed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planRounds } from '../../../src/modules/networking/scheduler/scheduler.js';
import { evaluatePlan } from '../../../src/modules/networking/scheduler/evaluate.js';
import { construct, finiteField } from '../../../src/modules/networking/scheduler/constructions.js';
import { groupSizes } from '../../../src/modules/networking/scheduler/group-sizes.js';
import { PlanningError, type Person, type PlanInput, type PlannedGroup } from '../../../src/modules/networking/scheduler/scheduler.types.js';

const numbered = (n: number, extra: (i: number) => Partial<Person> = () => ({})): Person[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, ...extra(i) }));

/** Every round holds each person exactly once. */
function assertPartition(people: readonly Person[], rounds: readonly (readonly PlannedGroup[])[]) {
  const ids = people.map((p) => p.id).sort();
  for (const [r, groups] of rounds.entries()) {
    assert.deepEqual(groups.flatMap((g) => g.members).sort(), ids, `round ${r + 1} is not a partition`);
  }
}

/** Pairs (as "a|b") meeting more than once over the rounds, counting `met` as one meeting. */
function repeats(rounds: readonly (readonly PlannedGroup[])[], met: readonly (readonly [string, string])[] = []): string[] {
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  const seen = new Set(met.map(([a, b]) => key(a, b)));
  const twice: string[] = [];
  for (const groups of rounds) {
    for (const { members } of groups) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const k = key(members[i]!, members[j]!);
          if (seen.has(k)) twice.push(k);
          seen.add(k);
        }
      }
    }
  }
  return twice;
}

const pairsOf = (groups: readonly PlannedGroup[]): [string, string][] =>
  groups.flatMap(({ members }) => members.flatMap((a, i) => members.slice(i + 1).map((b): [string, string] => [a, b])));

describe('breakout scheduler: the Social Golfer yardsticks', () => {
  test("Kirkman's schoolgirls: 15 people in threes over 7 rounds, nobody meets anyone twice, under 10 s", () => {
    const people = numbered(15);
    const started = performance.now();
    const plan = planRounds({ people, groupSize: 3, rounds: 7, seed: 1 });
    assert.ok(performance.now() - started < 10_000);
    assertPartition(people, plan.rounds);
    assert.ok(plan.rounds.every((groups) => groups.length === 5 && groups.every((g) => g.members.length === 3)));
    assert.deepEqual(repeats(plan.rounds), []);
    assert.equal(plan.figures.repeatedPairs, 0);
    assert.equal(plan.figures.newEncounters, 105);
    assert.equal(plan.figures.possibleEncounters, 105);
  });

  test('32 golfers in fours over 9 weeks with no repeat, under 10 s', () => {
    const people = numbered(32);
    const started = performance.now();
    const plan = planRounds({ people, groupSize: 4, rounds: 9, seed: 7 });
    assert.ok(performance.now() - started < 10_000);
    assertPartition(people, plan.rounds);
    assert.ok(plan.rounds.every((groups) => groups.length === 8 && groups.every((g) => g.members.length === 4)));
    assert.deepEqual(repeats(plan.rounds), []);
    assert.equal(plan.figures.newEncounters, 9 * 8 * 6);
  });

  test('affine planes at the bound: 9/3/4, 16/4/5, 25/5/6 and 49/7/8 — everyone meets everyone exactly once', () => {
    for (const [n, s, rounds] of [[9, 3, 4], [16, 4, 5], [25, 5, 6], [49, 7, 8]] as const) {
      const people = numbered(n);
      const plan = planRounds({ people, groupSize: s, rounds, seed: n });
      assertPartition(people, plan.rounds);
      assert.deepEqual(repeats(plan.rounds), [], `${n}/${s}/${rounds}`);
      assert.equal(plan.figures.newEncounters, (n * (n - 1)) / 2, `${n}/${s}/${rounds}`);
    }
  });

  test('the constructions themselves: partitions with no pair twice (KTS(15), AG(d,q), partial spreads, round-robin, grid)', () => {
    const cases: [number, number, number, number][] = [
      // n, s, rounds asked, rounds expected
      [15, 3, 7, 7], [27, 3, 13, 13], [64, 4, 21, 21], [81, 9, 10, 10], [8, 2, 7, 7], [12, 2, 11, 11],
      [32, 4, 10, 9], [128, 4, 42, 41], [36, 6, 7, 3], [100, 10, 11, 3],
    ];
    for (const [n, s, asked, expected] of cases) {
      const design = construct(n, s, asked);
      assert.ok(design, `${n}/${s}`);
      assert.equal(design.rounds.length, expected, `${n}/${s}: ${design.name}`);
      const seen = new Set<number>();
      for (const round of design.rounds) {
        assert.deepEqual(round.flat().sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
        for (const group of round) {
          assert.equal(group.length, s);
          for (let i = 0; i < s; i++) {
            for (let j = i + 1; j < s; j++) {
              const key = Math.min(group[i]!, group[j]!) * n + Math.max(group[i]!, group[j]!);
              assert.ok(!seen.has(key), `${design.name}: a pair twice`);
              seen.add(key);
            }
          }
        }
      }
    }
    assert.equal(construct(20, 4, 5), null);
  });

  test('GF(4), GF(8) and GF(9) are fields (every nonzero element has an inverse)', () => {
    for (const [p, k] of [[2, 2], [2, 3], [3, 2]] as const) {
      const { q, mul } = finiteField(p, k);
      for (let a = 1; a < q; a++) assert.ok(Array.from({ length: q }, (_, b) => mul[a * q + b]).includes(1), `GF(${q}): ${a}`);
    }
  });
});

describe('breakout scheduler: priorities', () => {
  test('nobody of the same lab in one group, when the labs are small enough', () => {
    // 40 people from 10 labs of 4: 10 groups of 4, every group one person per lab it holds.
    const people = numbered(40, (i) => ({ lab: `lab-${i % 10}` }));
    const plan = planRounds({ people, groupSize: 4, rounds: 4, seed: 3 });
    assertPartition(people, plan.rounds);
    assert.equal(plan.figures.sameLabPairs, 0);
    assert.equal(plan.figures.repeatedPairs, 0);
    for (const groups of plan.rounds) {
      for (const g of groups) {
        const labs = g.members.map((id) => people.find((p) => p.id === id)!.lab);
        assert.equal(new Set(labs).size, labs.length);
      }
    }
  });

  test('levels are mixed as evenly as the numbers allow', () => {
    // 10 each of Bund, Land, Kommune, Wissenschaft in groups of 4: every group one of each.
    const levels = ['bund', 'land', 'kommune', 'wissenschaft'];
    const people = numbered(40, (i) => ({ level: levels[i % 4]! }));
    const plan = planRounds({ people, groupSize: 4, rounds: 3, seed: 5 });
    assert.equal(plan.figures.levelMix, 1);
    for (const groups of plan.rounds) {
      for (const g of groups) assert.equal(new Set(g.members.map((id) => people.find((p) => p.id === id)!.level)).size, 4);
    }
    // 60 % Kommune: no group is all Kommune while others have none.
    const skewed = numbered(50, (i) => ({ level: i < 30 ? 'kommune' : i < 40 ? 'land' : 'bund' }));
    const skewedPlan = planRounds({ people: skewed, groupSize: 5, rounds: 3, seed: 5 });
    assert.equal(skewedPlan.figures.levelMix, 1);
    for (const groups of skewedPlan.rounds) {
      for (const g of groups) assert.equal(g.members.filter((id) => skewed.find((p) => p.id === id)!.level === 'kommune').length, 3);
    }
  });

  test('repeats come before labs: with more rounds than lab-free groupings allow, nobody meets twice and colleagues share a group only when they must', () => {
    // 9 people, 3 labs of 3, groups of 3, 4 rounds (the affine plane): any two meet once, so
    // colleagues must meet once each — but never twice.
    const people = numbered(9, (i) => ({ lab: `lab-${i % 3}` }));
    const plan = planRounds({ people, groupSize: 3, rounds: 4, seed: 2 });
    assert.equal(plan.figures.repeatedPairs, 0);
    assert.equal(plan.figures.sameLabPairs, 9);
    // With 3 rounds the labs can be kept apart entirely (one parallel class left unused).
    const three = planRounds({ people, groupSize: 3, rounds: 3, seed: 2 });
    assert.equal(three.figures.repeatedPairs, 0);
    assert.equal(three.figures.sameLabPairs, 0);
  });

  test('apart pairs are never in one group; together pairs are in one group every round', () => {
    const people = numbered(40, (i) => ({ lab: `lab-${i % 12}` }));
    const apart: [string, string][] = [['p0', 'p1'], ['p0', 'p2'], ['p3', 'p4'], ['p10', 'p20']];
    // p7 and p19 are colleagues (an interpreter, say): together anyway.
    const together: [string, string][] = [['p5', 'p6'], ['p7', 'p19']];
    const plan = planRounds({ people, groupSize: 4, rounds: 4, apart, together, seed: 11 });
    assertPartition(people, plan.rounds);
    for (const groups of plan.rounds) {
      const groupOf = new Map(groups.flatMap((g, i) => g.members.map((id) => [id, i] as const)));
      for (const [a, b] of apart) assert.notEqual(groupOf.get(a), groupOf.get(b), `${a} and ${b} together`);
      for (const [a, b] of together) assert.equal(groupOf.get(a), groupOf.get(b), `${a} and ${b} apart`);
    }
    assert.equal(plan.figures.apartViolations, 0);
    assert.equal(plan.figures.togetherSplit, 0);
    // Their meetings are wanted, so they are not counted as repeats.
    assert.equal(plan.figures.repeatedPairs, 0);
  });

  test('apart pairs that cannot be kept apart are refused with a clear error', () => {
    // Three people who must all be apart from each other, but only two groups.
    const people = numbered(6);
    const apart: [string, string][] = [['p0', 'p1'], ['p1', 'p2'], ['p0', 'p2']];
    assert.throws(() => planRounds({ people, groupSize: 3, rounds: 1, apart }), (e: unknown) => e instanceof PlanningError && /cannot be kept apart/.test(e.message));
    assert.throws(() => planRounds({ people, groupSize: 3, rounds: 1, apart: [['p0', 'p1']], together: [['p1', 'p0']] }), /apart and together at once/);
  });

  test('thematic rounds put people with others who chose the same topic, and label each group', () => {
    const topics = ['Open Data', 'KI', 'Beteiligung'];
    // 12 chose Open Data, 8 KI, 8 Beteiligung, 4 chose none of the round's topics.
    const people = numbered(32, (i) => ({ topics: i < 12 ? ['Open Data'] : i < 20 ? ['KI'] : i < 28 ? ['Beteiligung'] : ['Recht'], lab: `lab-${i % 8}` }));
    const plan = planRounds({ people, groupSize: 4, rounds: 3, themes: [null, topics, null], seed: 4 });
    assertPartition(people, plan.rounds);
    assert.ok(plan.rounds[0]!.every((g) => g.topic === null));
    assert.ok(plan.rounds[1]!.every((g) => g.topic !== null && topics.includes(g.topic)));
    for (const g of plan.rounds[1]!) {
      for (const id of g.members) {
        const chosen = people.find((p) => p.id === id)!.topics!.filter((t) => topics.includes(t));
        if (chosen.length > 0) assert.ok(chosen.includes(g.topic!), `${id} chose ${chosen} but sits in ${g.topic}`);
      }
    }
    assert.equal(plan.figures.topicFit, 1);
    assert.equal(plan.figures.repeatedPairs, 0);
  });

  test('people with several topics go to one of them', () => {
    const people = numbered(12, (i) => ({ topics: i % 2 === 0 ? ['A', 'B'] : i < 6 ? ['A'] : ['B'] }));
    const plan = planRounds({ people, groupSize: 3, rounds: 1, themes: [['A', 'B']], seed: 1 });
    assert.equal(plan.figures.topicFit, 1);
  });
});

describe('breakout scheduler: past encounters and re-planning', () => {
  test('pairs who met before (earlier meetings) do not meet again', () => {
    const people = numbered(24);
    const earlier = planRounds({ people, groupSize: 4, rounds: 2, seed: 1 });
    const met = earlier.rounds.flatMap(pairsOf);
    const plan = planRounds({ people, groupSize: 4, rounds: 3, met, seed: 2 });
    assert.deepEqual(repeats(plan.rounds, met), []);
    assert.equal(plan.figures.repeatedPairs, 0);
    assert.equal(plan.figures.newEncounters, 3 * 6 * 6);
    // With the pairs of all earlier rounds passed, the 15 people of Kirkman's problem can go on
    // after 4 rounds and still meet nobody twice in the last 3.
    const kirkman = planRounds({ people: numbered(15), groupSize: 3, rounds: 7, seed: 3 });
    const rest = planRounds({ people: numbered(15), groupSize: 3, rounds: 3, met: kirkman.rounds.slice(0, 4).flatMap(pairsOf), seed: 4, timeLimitMs: 5_000 });
    assert.deepEqual(repeats([...kirkman.rounds.slice(0, 4), ...rest.rounds]), []);
  });

  test('after a no-show and a late joiner, the remaining rounds are planned again with no repeats', () => {
    const people = numbered(24);
    const first = planRounds({ people, groupSize: 4, rounds: 4, seed: 8 });
    const held = first.rounds[0]!;
    // p5 left after round 1; Lena joined.
    const now = [...people.filter((p) => p.id !== 'p5'), { id: 'lena' }];
    const met = pairsOf(held);
    const rest = planRounds({ people: now, groupSize: 4, rounds: 3, met, seed: 8 });
    assertPartition(now, rest.rounds);
    assert.ok(rest.rounds.every((groups) => groups.every((g) => !g.members.includes('p5'))));
    assert.deepEqual(repeats([held, ...rest.rounds]), []);
    assert.equal(rest.figures.repeatedPairs, 0);

    // Two more rounds later, two more people left: still no repeats over all rounds held and planned.
    const later = now.filter((p) => p.id !== 'p9' && p.id !== 'p17');
    const heldTwo = [held, rest.rounds[0]!];
    const again = planRounds({ people: later, groupSize: 4, rounds: 2, met: heldTwo.flatMap(pairsOf), seed: 8 });
    assertPartition(later, again.rounds);
    assert.deepEqual(repeats([...heldTwo, ...again.rounds]), []);
  });

  test('when a repeat cannot be avoided, as few as possible', () => {
    // 6 people in two threes: in round 2 each group has two people of one group of round 1, so
    // each group has exactly one repeat — two in all, never more.
    const plan = planRounds({ people: numbered(6), groupSize: 3, rounds: 2, seed: 1 });
    assert.equal(plan.figures.repeatedPairs, 2);
    assert.equal(plan.figures.newEncounters, 10);
    // 36 people in sixes: 3 repeat-free rounds exist (rows, columns, a Latin square), a 4th does
    // not (Euler's 36 officers); the plan is repeat-free for 3 rounds and then repeats little.
    const three = planRounds({ people: numbered(36), groupSize: 6, rounds: 3, seed: 1 });
    assert.equal(three.figures.repeatedPairs, 0);
    const four = planRounds({ people: numbered(36), groupSize: 6, rounds: 4, seed: 1, timeLimitMs: 2_000 });
    assert.ok(four.figures.repeatedPairs > 0 && four.figures.repeatedPairs <= 12, `${four.figures.repeatedPairs} repeats`);
  });
});

describe('breakout scheduler: group sizes', () => {
  test('numbers that do not divide give groups within the allowed spread', () => {
    for (const n of [7, 10, 13, 22, 37, 59, 101, 301]) {
      for (const s of [3, 4, 5, 6]) {
        for (const spread of ['both', 'smaller', 'larger'] as const) {
          const sizes = groupSizes(n, s, spread);
          assert.equal(sizes.reduce((a, b) => a + b, 0), n);
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
          const [min, max] = spread === 'smaller' ? [s - 1, s] : spread === 'larger' ? [s, s + 1] : [s - 1, s + 1];
          const possible = Array.from({ length: n }, (_, i) => i + 1).some((g) => g * min <= n && n <= g * max);
          if (possible) assert.ok(sizes.every((size) => size >= min && size <= max), `${n}/${s}/${spread}: ${sizes}`);
        }
      }
    }
    assert.deepEqual(groupSizes(301, 4), [5, ...new Array(74).fill(4)]);
    assert.deepEqual(groupSizes(301, 4, 'smaller'), [...new Array(73).fill(4), 3, 3, 3]);
    assert.deepEqual(groupSizes(10, 4), [4, 3, 3]);
    assert.deepEqual(groupSizes(1, 4), [1]);
    assert.deepEqual(groupSizes(0, 4), []);
  });

  test('a plan of 301 people in groups of 4 over 6 rounds: sizes 4–5, no repeats, under a second', () => {
    const people = numbered(301);
    const started = performance.now();
    const plan = planRounds({ people, groupSize: 4, rounds: 6, seed: 3 });
    assert.ok(performance.now() - started < 1_000);
    assertPartition(people, plan.rounds);
    for (const groups of plan.rounds) assert.ok(groups.every((g) => g.members.length >= 4 && g.members.length <= 5));
    assert.equal(plan.figures.repeatedPairs, 0);
  });

  test('fewer than two people, no people, no rounds', () => {
    assert.deepEqual(planRounds({ people: numbered(1), groupSize: 4, rounds: 2 }).rounds, [[{ members: ['p0'], topic: null }], [{ members: ['p0'], topic: null }]]);
    assert.deepEqual(planRounds({ people: [], groupSize: 4, rounds: 2 }).rounds, [[], []]);
    assert.deepEqual(planRounds({ people: numbered(5), groupSize: 4, rounds: 0 }).rounds, []);
    // Fewer people than a group: one group.
    assert.deepEqual(planRounds({ people: numbered(3), groupSize: 6, rounds: 1 }).rounds, [[{ members: ['p0', 'p1', 'p2'], topic: null }]]);
  });

  test('bad input is refused with a clear message', () => {
    const people = numbered(8);
    const bad: [Partial<PlanInput>, RegExp][] = [
      [{ groupSize: 1 }, /groupSize must be a whole number from 2/],
      [{ groupSize: 2.5 }, /groupSize must be a whole number/],
      [{ rounds: -1 }, /rounds must be a whole number from 0/],
      [{ people: [{ id: 'a' }, { id: 'a' }] }, /"a" is there twice/],
      [{ people: [{ id: '' }] }, /has no id/],
      [{ spread: 'wide' as never }, /spread must be/],
      [{ timeLimitMs: 0 }, /timeLimitMs must be a positive/],
    ];
    for (const [change, message] of bad) {
      assert.throws(() => planRounds({ people, groupSize: 4, rounds: 2, ...change }), (e: unknown) => e instanceof PlanningError && message.test(e.message), String(message));
    }
  });
});

describe('breakout scheduler: determinism and speed', () => {
  test('the same seed gives the same plan; another seed another plan', () => {
    const people = numbered(60, (i) => ({ lab: `lab-${i % 17}`, level: ['bund', 'land', 'kommune'][i % 3]! }));
    const input: PlanInput = { people, groupSize: 4, rounds: 5, seed: 42 };
    const a = planRounds(input);
    const b = planRounds(input);
    assert.deepEqual(a.rounds, b.rounds);
    assert.notDeepEqual(planRounds({ ...input, seed: 43 }).rounds, a.rounds);
    // Kirkman too (its construction is relabelled by the seed).
    const k = { people: numbered(15), groupSize: 3, rounds: 7, seed: 9 };
    assert.deepEqual(planRounds(k).rounds, planRounds(k).rounds);
  });

  test('everyday meetings with labs and levels are planned in under a second, with no repeats and no colleagues together', () => {
    const levels = ['bund', 'land', 'kommune', 'kommune', 'kommune', 'wissenschaft'];
    for (const [n, s, labs] of [[300, 5, 90], [300, 3, 120], [150, 6, 40], [20, 4, 8], [60, 3, 20]] as const) {
      const people = numbered(n, (i) => ({ lab: `lab-${i % labs}`, level: levels[(i % labs) % levels.length]! }));
      const started = performance.now();
      // 20 people in fours meet 18 of 19 others in 6 rounds: repeats are unavoidable there, so 3.
      const rounds = n === 20 ? 3 : 6;
      const plan = planRounds({ people, groupSize: s, rounds, seed: 1 });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1_000, `${n}/${s}/${rounds} took ${Math.round(elapsed)} ms`);
      assertPartition(people, plan.rounds);
      assert.equal(plan.figures.repeatedPairs, 0, `${n}/${s}/${rounds}`);
      assert.equal(plan.figures.sameLabPairs, 0, `${n}/${s}/${rounds}`);
      assert.ok(plan.figures.levelMix > 0.95, `${n}/${s}/${rounds}: level mix ${plan.figures.levelMix}`);
    }
  });
});

describe('evaluatePlan', () => {
  test('counts repeats, new encounters, colleagues, levels and topics of a plan made by hand', () => {
    const people: Person[] = [
      { id: 'a', lab: 'x', level: 'bund', topics: ['T'] },
      { id: 'b', lab: 'x', level: 'bund' },
      { id: 'c', lab: 'y', level: 'land', topics: ['T'] },
      { id: 'd', lab: null, level: 'land', topics: ['U'] },
    ];
    const input: PlanInput = { people, groupSize: 2, rounds: 2, met: [['a', 'c']], themes: [null, ['T', 'U']] };
    const rounds: PlannedGroup[][] = [
      [{ members: ['a', 'b'], topic: null }, { members: ['c', 'd'], topic: null }],
      [{ members: ['a', 'c'], topic: 'T' }, { members: ['b', 'd'], topic: 'U' }],
    ];
    const figures = evaluatePlan(input, rounds);
    assert.equal(figures.repeatedPairs, 1); // a–c met before
    assert.equal(figures.newEncounters, 3); // a–b, c–d, b–d
    assert.equal(figures.sameLabPairs, 1); // a–b in round 1
    assert.equal(figures.topicFit, 1); // a, c in T; d in U
    assert.equal(figures.levelMix, 0.5); // round 1 clustered (0), round 2 even (1)
    assert.equal(figures.possibleEncounters, 4); // 4 slots; 5 unmet pairs
  });
});
