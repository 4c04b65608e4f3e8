// Tabu search over swaps, after Dotu & Van Hentenryck, "Scheduling Social Golfers Locally"
// (CPAIOR 2005). A person has a conflict in a round when something there costs: a repeated
// encounter, a colleague in the group, an apart pair together, a together pair split, their level
// above its even share, a topic they did not choose. Each move looks at every swap of a
// conflicted person with someone in another group of the same round — all conflicted people on
// small instances, a random handful on large ones — and makes the best swap, even when it makes
// things worse; swapping that pair back in that round is then tabu for a while (unless it would
// give a new best). After a long time without a new best, the search goes back to the best plan
// and shakes it with a few random swaps.
//
// A second, occasional move changes who is who: two people trade places in every round at once.
// That keeps the pattern of encounters (a repeat-free construction stays repeat-free) and moves
// colleagues and levels around it.
import type { Rng } from './random.js';
import type { State } from './state.js';

export interface SearchLimits {
  /** Stop when the cost reaches this (a lower bound: nothing better exists). */
  lowerBound: number;
  /** Work at most, in person-steps of swap evaluations (keeps the plan the same for the same seed on any machine). */
  maxWork: number;
  /** performance.now() after which to stop anyway. */
  deadline: number;
}

export interface SearchOutcome {
  iterations: number;
  stoppedBy: 'optimal' | 'budget' | 'time' | 'settled';
}

/** Tabu tenure: a swap stays forbidden for 4 … 43 moves. */
const TENURE_MIN = 4;
const TENURE_SPAN = 40;
/** Swap evaluations per move at most (more conflicted people than that allows: a random sample). */
const EVALUATIONS_PER_MOVE = 4_000;
/** Instances with at most this many (round, person) slots recount every conflict before each move. */
const EXACT_SLOTS = 4_096;
const TABU_TABLE = 1 << 16;

export function tabuSearch(state: State, rng: Rng, limits: SearchLimits): SearchOutcome {
  const { n, R, g, smax } = state;
  const slots = R * n;
  const exact = slots <= EXACT_SLOTS;

  // Tabu swaps (round, a, b) in a small hash table; a collision only forgets an older entry.
  const tabuKey = new Float64Array(TABU_TABLE).fill(-1);
  const tabuUntil = new Float64Array(TABU_TABLE);
  const tabuSlot = (key: number) => {
    const h = Math.imul((key % 0x7fffffff) ^ Math.floor(key / 0x7fffffff), 0x9e3779b1);
    return (h ^ (h >>> 15)) & (TABU_TABLE - 1);
  };
  const pairKey = (r: number, a: number, b: number) => (r * n + Math.min(a, b)) * n + Math.max(a, b);
  const isTabu = (key: number, iteration: number) => {
    const i = tabuSlot(key);
    return tabuKey[i] === key && tabuUntil[i]! > iteration;
  };
  const makeTabu = (key: number, until: number) => {
    const i = tabuSlot(key);
    tabuKey[i] = key;
    tabuUntil[i] = until;
  };

  // Conflicted slots (r * n + p). On large instances the list is kept loosely: entries that are
  // fine by now are dropped when drawn, and it is recounted when it runs empty.
  const list = new Int32Array(slots);
  const inList = new Uint8Array(slots);
  let listLength = 0;
  const push = (slot: number) => {
    if (inList[slot]) return;
    inList[slot] = 1;
    list[listLength++] = slot;
  };
  const recount = () => {
    for (let i = 0; i < listLength; i++) inList[list[i]!] = 0;
    listLength = 0;
    for (let r = 0; r < R; r++) for (let p = 0; p < n; p++) if (state.conflicted(r, p)) push(r * n + p);
  };
  const relabelling = state.hasLabs || state.L > 1 || state.topicMask.some((m) => m !== null);
  const candidates: number[] = [];

  let best = state.cost;
  const bestPlan = state.groupOf.slice();
  let lastImprovement = 0;
  const stall = Math.max(5_000, 50 * n);
  let iterations = 0;
  let work = 0;
  // One swap evaluation or conflict check walks about two groups.
  const step = 2 * smax;
  let stoppedBy: SearchOutcome['stoppedBy'] = 'budget';
  recount();

  const improved = () => {
    if (state.cost < best) {
      best = state.cost;
      bestPlan.set(state.groupOf);
      lastImprovement = iterations;
    }
  };

  for (;;) {
    if (best <= limits.lowerBound) {
      stoppedBy = 'optimal';
      break;
    }
    if (work >= limits.maxWork) {
      stoppedBy = 'budget';
      break;
    }
    if ((iterations & 31) === 0 && performance.now() > limits.deadline) {
      stoppedBy = 'time';
      break;
    }
    iterations++;

    // Which conflicted slots to try this move.
    candidates.length = 0;
    if (exact || listLength === 0) {
      recount();
      work += slots * step;
    }
    if (listLength === 0) {
      stoppedBy = 'settled';
      break;
    }
    const perSlot = n - state.sizes[state.g - 1]!;
    if (listLength * perSlot <= EVALUATIONS_PER_MOVE) {
      for (let i = 0; i < listLength; i++) candidates.push(list[i]!);
    } else {
      const wanted = Math.max(1, Math.floor(EVALUATIONS_PER_MOVE / perSlot));
      for (let tries = 0; candidates.length < wanted && listLength > 0 && tries < 4 * wanted; tries++) {
        const i = rng.int(listLength);
        const slot = list[i]!;
        if (exact || state.conflicted(Math.floor(slot / n), slot % n)) candidates.push(slot);
        else {
          inList[slot] = 0;
          list[i] = list[--listLength]!;
        }
      }
      if (candidates.length === 0) continue;
    }

    if (relabelling && rng.int(10) === 0) {
      const slot = candidates[rng.int(candidates.length)]!;
      work += 4 * R * step;
      relabel(state, slot % n, rng.int(n));
      improved();
      continue;
    }

    // The best swap of a candidate with anyone in another group of its round.
    let bestDelta = Number.POSITIVE_INFINITY;
    let bestR = -1;
    let bestA = -1;
    let bestB = -1;
    let ties = 0;
    for (const slot of candidates) {
      const r = Math.floor(slot / n);
      const a = slot % n;
      const G1 = state.groupOf[slot]!;
      for (let G = 0; G < g; G++) {
        if (G === G1) continue;
        const off = (r * g + G) * smax;
        const size = state.sizes[G]!;
        for (let i = 0; i < size; i++) {
          const b = state.mem[off + i]!;
          const delta = state.swapDelta(r, a, b);
          if (delta > bestDelta) continue;
          if (state.cost + delta >= best && isTabu(pairKey(r, a, b), iterations)) continue;
          if (delta < bestDelta) {
            bestDelta = delta;
            ties = 1;
          } else if (rng.int(++ties) !== 0) continue;
          bestR = r;
          bestA = a;
          bestB = b;
        }
      }
      work += perSlot * step;
    }
    if (bestB < 0) continue;

    const base = bestR * n;
    const G1 = state.groupOf[base + bestA]!;
    const G2 = state.groupOf[base + bestB]!;
    state.swap(bestR, bestA, bestB, bestDelta);
    makeTabu(pairKey(bestR, bestA, bestB), iterations + TENURE_MIN + rng.int(TENURE_SPAN));
    if (!exact) {
      // New conflicts in the two groups (those in other rounds are found at the next recount).
      for (const G of [G1, G2]) {
        const off = (bestR * g + G) * smax;
        for (let i = 0; i < state.sizes[G]!; i++) {
          const p = state.mem[off + i]!;
          if (state.conflicted(bestR, p)) push(base + p);
        }
      }
    }

    if (state.cost < best) improved();
    else if (iterations - lastImprovement > stall) {
      // Back to the best plan, shaken a little.
      state.load(bestPlan);
      const shakes = 1 + rng.int(Math.max(2, Math.ceil(n / 8)));
      for (let k = 0; k < shakes; k++) {
        const r = rng.int(R);
        const x = rng.int(n);
        const y = rng.int(n);
        if (state.groupOf[r * n + x] !== state.groupOf[r * n + y]) state.swap(r, x, y, state.swapDelta(r, x, y));
      }
      tabuKey.fill(-1);
      recount();
      lastImprovement = iterations;
    }
  }
  if (state.cost !== best) state.load(bestPlan);
  return { iterations, stoppedBy };
}

/** a and b trade places in every round where they are in different groups, if that costs nothing more. */
function relabel(state: State, a: number, b: number): boolean {
  if (a === b) return false;
  const { n, R } = state;
  const before = state.cost;
  const done: number[] = [];
  for (let r = 0; r < R; r++) {
    if (state.groupOf[r * n + a] === state.groupOf[r * n + b]) continue;
    state.swap(r, a, b, state.swapDelta(r, a, b));
    done.push(r);
  }
  if (state.cost <= before) return true;
  // Undo in reverse order: each swap's reverse is exact.
  for (let i = done.length - 1; i >= 0; i--) {
    const r = done[i]!;
    state.swap(r, a, b, state.swapDelta(r, a, b));
  }
  return false;
}
