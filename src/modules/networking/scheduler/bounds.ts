// Lower bounds of the search's cost: when the plan reaches one, nothing better exists and the
// search stops early (most everyday instances stop within milliseconds).
import type { Instance } from './instance.js';
import { W_LAB, W_LEVEL, W_REPEAT } from './weights.js';

/** Σ over g groups of f(count) when `total` people are spread as evenly as possible. */
function evenly(total: number, g: number, f: (c: number) => number): number {
  const q = Math.floor(total / g);
  const rest = total % g;
  return rest * f(q + 1) + (g - rest) * f(q);
}

export function lowerBound(inst: Instance): number {
  const { n, rounds: R, groups: g, smin } = inst;
  if (g === 0 || R === 0) return 0;
  // Repeats: each person meets at least R·(smin − 1) people (less their together partners) but
  // has only so many they have not met; every meeting beyond that is a repeat, seen from both sides.
  const metDegree = new Int32Array(n);
  for (let i = 0; i < inst.met.length; i += 2) {
    const a = inst.met[i]!;
    const b = inst.met[i + 1]!;
    if (inst.together[a]!.includes(b)) continue;
    metDegree[a]!++;
    metDegree[b]!++;
  }
  let excess = 0;
  for (let p = 0; p < n; p++) {
    const partners = inst.together[p]!.length;
    const meetings = R * Math.max(0, smin - 1 - partners);
    const unmet = n - 1 - metDegree[p]! - partners;
    excess += Math.max(0, meetings - unmet);
  }
  const repeats = Math.ceil(excess / 2);

  // Colleagues: a lab larger than the number of groups must share some (labs holding a together pair are left out).
  const hasTogetherPair = new Uint8Array(inst.labSize.length);
  for (let p = 0; p < n; p++) {
    const lab = inst.lab[p]!;
    if (lab >= 0 && inst.together[p]!.some((q) => inst.lab[q] === lab)) hasTogetherPair[lab] = 1;
  }
  let sameLab = 0;
  for (const [lab, size] of inst.labSize.entries()) if (!hasTogetherPair[lab]) sameLab += evenly(size, g, (c) => (c * (c - 1)) / 2);

  let levelSquares = 0;
  for (const size of inst.levelSize) levelSquares += evenly(size, g, (c) => c * c);

  return repeats * W_REPEAT + R * (sameLab * W_LAB + levelSquares * W_LEVEL);
}
