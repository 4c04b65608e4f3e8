// The figures of a plan, counted from scratch and independently of the search (so they also judge
// a plan made by hand, or random breakout rooms, the same way).
import type { Figures, PlanInput, PlannedGroup } from './scheduler.types.js';

/** Σ over g groups of f(count) when `total` are spread as evenly as possible. */
function evenly(total: number, g: number, f: (c: number) => number): number {
  const q = Math.floor(total / g);
  const rest = total % g;
  return rest * f(q + 1) + (g - rest) * f(q);
}

export function evaluatePlan(input: PlanInput, rounds: readonly (readonly PlannedGroup[])[]): Figures {
  const index = new Map<string, number>();
  input.people.forEach((p, i) => index.set(p.id, i));
  const n = input.people.length;
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const pairSet = (list: readonly (readonly [string, string])[] | undefined) => {
    const set = new Set<number>();
    for (const [x, y] of list ?? []) {
      const a = index.get(x);
      const b = index.get(y);
      if (a !== undefined && b !== undefined && a !== b) set.add(key(a, b));
    }
    return set;
  };
  const met = pairSet(input.met);
  const apart = pairSet(input.apart);
  const together = pairSet(input.together);
  const lab = input.people.map((p) => p.lab || null);
  const level = input.people.map((p) => p.level || null);

  const meetings = new Map<number, number>();
  let repeatedPairs = 0;
  let newEncounters = 0;
  let sameLabPairs = 0;
  let apartViolations = 0;
  let togetherSplit = 0;
  let slotsTotal = 0;
  const slots = new Float64Array(n);
  let levelMixSum = 0;
  let levelMixRounds = 0;
  let topicPlaced = 0;
  let topicFitting = 0;

  for (const [r, groups] of rounds.entries()) {
    const groupOf = new Map<number, number>();
    const members = groups.map((group, G) =>
      group.members.map((id) => {
        const i = index.get(id);
        if (i === undefined) throw new Error(`the plan has "${id}", who is not among the people`);
        groupOf.set(i, G);
        return i;
      }),
    );
    for (const m of members) {
      slotsTotal += (m.length * (m.length - 1)) / 2;
      for (let x = 0; x < m.length; x++) {
        const a = m[x]!;
        slots[a]! += m.length - 1;
        for (let y = x + 1; y < m.length; y++) {
          const b = m[y]!;
          const k = key(a, b);
          const before = meetings.get(k) ?? 0;
          meetings.set(k, before + 1);
          if (before === 0 && !met.has(k)) newEncounters++;
          if (apart.has(k)) apartViolations++;
          if (together.has(k)) continue;
          if (before > 0 || met.has(k)) repeatedPairs++;
          if (lab[a] !== null && lab[a] === lab[b]) sameLabPairs++;
        }
      }
    }
    for (const k of together) {
      const a = Math.floor(k / n);
      const b = k % n;
      if (groupOf.has(a) && groupOf.has(b) && groupOf.get(a) !== groupOf.get(b)) togetherSplit++;
    }

    const mix = levelMixOfRound(members, level);
    if (mix !== null) {
      levelMixSum += mix;
      levelMixRounds++;
    }

    const themes = input.themes?.[r];
    if (themes && themes.length > 0) {
      for (const [G, group] of groups.entries()) {
        for (const i of members[G]!) {
          const chosen = (input.people[i]!.topics ?? []).filter((t) => themes.includes(t));
          if (chosen.length === 0) continue;
          topicPlaced++;
          if (group.topic !== null && chosen.includes(group.topic)) topicFitting++;
        }
      }
    }
  }

  // At most: every slot a new encounter, each person meeting only people they have not met, and
  // no more pairs than there are unmet pairs.
  const metDegree = new Int32Array(n);
  for (const k of met) {
    metDegree[Math.floor(k / n)]!++;
    metDegree[k % n]!++;
  }
  let perPerson = 0;
  for (let i = 0; i < n; i++) perPerson += Math.min(slots[i]!, n - 1 - metDegree[i]!);
  const possibleEncounters = Math.min(slotsTotal, Math.floor(perPerson / 2), (n * (n - 1)) / 2 - met.size);

  return {
    repeatedPairs,
    newEncounters,
    possibleEncounters,
    sameLabPairs,
    levelMix: levelMixRounds === 0 ? 1 : levelMixSum / levelMixRounds,
    topicFit: topicPlaced === 0 ? 1 : topicFitting / topicPlaced,
    apartViolations,
    togetherSplit,
  };
}

/**
 * 1 when Σ (people of a level in a group)² is at the lower bound (every level spread evenly), 0 when
 * it is as high as sorting the round's people by level and cutting them into the same groups gives;
 * null when levels cannot differ (one level, or one group).
 */
function levelMixOfRound(members: number[][], level: (string | null)[]): number | null {
  const g = members.length;
  if (g < 2) return null;
  const counts = new Map<string, number>();
  let squares = 0;
  for (const m of members) {
    const inGroup = new Map<string, number>();
    for (const i of m) {
      const l = level[i];
      if (l === null || l === undefined) continue;
      inGroup.set(l, (inGroup.get(l) ?? 0) + 1);
      counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    for (const c of inGroup.values()) squares += c * c;
  }
  let lowest = 0;
  for (const c of counts.values()) lowest += evenly(c, g, (x) => x * x);
  // Sorted by level (unknown last), cut into groups of the same sizes, largest first.
  const sorted = members.flat().map((i) => level[i] ?? null).sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1));
  const sizes = members.map((m) => m.length).sort((a, b) => b - a);
  let clustered = 0;
  let at = 0;
  for (const size of sizes) {
    const inGroup = new Map<string, number>();
    for (const l of sorted.slice(at, at + size)) if (l !== null) inGroup.set(l, (inGroup.get(l) ?? 0) + 1);
    for (const c of inGroup.values()) clustered += c * c;
    at += size;
  }
  if (clustered <= lowest) return null;
  return Math.min(1, Math.max(0, (clustered - squares) / (clustered - lowest)));
}
