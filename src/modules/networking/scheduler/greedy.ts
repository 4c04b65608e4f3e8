// The starting plan for the search: round after round, each person goes to the open group where
// they add the least cost (repeats with people met in earlier rounds, colleagues, apart/together
// pairs, levels, topics). Rounds given by a construction are taken as they are.
import type { Instance } from './instance.js';
import { permutation, type Rng } from './random.js';
import { W_APART, W_LAB, W_LEVEL, W_REPEAT, W_TOGETHER, W_TOPIC } from './weights.js';

/** Groups looked at per person when there are many (the rest are skipped for speed). */
const CANDIDATE_GROUPS = 48;

/**
 * A plan as groupOf[r * n + p]. `fixed[r]`, when given, is round r's groupOf from a construction.
 */
export function greedyPlan(inst: Instance, rng: Rng, fixed: readonly (Int32Array | null)[] = []): Int32Array {
  const { n, rounds: R, groups: g, sizes } = inst;
  const L = inst.levelSize.length;
  const cnt = new Uint8Array(n * n);
  const isTogether = (a: number, b: number) => inst.together[a]!.includes(b);
  for (let i = 0; i < inst.met.length; i += 2) {
    const a = inst.met[i]!;
    const b = inst.met[i + 1]!;
    cnt[a * n + b] = 1;
    cnt[b * n + a] = 1;
  }
  const result = new Int32Array(R * n);
  const members: number[][] = Array.from({ length: g }, () => []);
  const levelCnt = new Int32Array(g * Math.max(1, L));
  const order = placingOrder(inst, rng);

  for (let r = 0; r < R; r++) {
    const groupOf = result.subarray(r * n, (r + 1) * n);
    const given = fixed[r];
    for (const m of members) m.length = 0;
    if (given) {
      groupOf.set(given);
      for (let p = 0; p < n; p++) members[given[p]!]!.push(p);
    } else {
      groupOf.fill(-1);
      levelCnt.fill(0);
      const mask = inst.topicMask[r];
      const T = inst.themes[r]?.length ?? 0;
      const topicCnt = new Int32Array(g * Math.max(1, T));
      const choosers = new Int32Array(g);
      const open = Array.from({ length: g }, (_, G) => G);
      const place = (p: number) => {
        let best = -1;
        let bestCost = Number.POSITIVE_INFINITY;
        let ties = 0;
        const look = open.length <= CANDIDATE_GROUPS ? open.length : CANDIDATE_GROUPS;
        for (let k = 0; k < look; k++) {
          const G = open.length <= CANDIDATE_GROUPS ? open[k]! : open[rng.int(open.length)]!;
          let cost = 0;
          const lp = inst.lab[p]!;
          for (const x of members[G]!) {
            if (isTogether(p, x)) {
              cost -= W_TOGETHER;
              continue;
            }
            cost += cnt[p * n + x]! * W_REPEAT;
            if (lp >= 0 && inst.lab[x] === lp) cost += W_LAB;
          }
          for (const q of inst.apart[p]!) if (groupOf[q] === G) cost += W_APART;
          const v = inst.level[p]!;
          if (v >= 0) cost += 2 * levelCnt[G * L + v]! * W_LEVEL;
          if (mask && mask[p] !== 0) cost += topicCost(mask[p]!, topicCnt, choosers[G]!, G, T) * W_TOPIC;
          if (cost < bestCost) {
            best = G;
            bestCost = cost;
            ties = 1;
          } else if (cost === bestCost && rng.int(++ties) === 0) {
            best = G;
          }
        }
        groupOf[p] = best;
        members[best]!.push(p);
        const v = inst.level[p]!;
        if (v >= 0) levelCnt[best * L + v]!++;
        if (mask && mask[p] !== 0) {
          choosers[best]!++;
          for (let t = 0; t < T; t++) if (mask[p]! & (1 << t)) topicCnt[best * T + t]!++;
        }
        if (members[best]!.length === sizes[best]) open.splice(open.indexOf(best), 1);
      };
      for (const p of order) {
        if (groupOf[p] !== -1) continue;
        place(p);
        // Partners to keep together come right after, while their group has room.
        const stack = [...inst.together[p]!];
        while (stack.length > 0) {
          const q = stack.pop()!;
          if (groupOf[q] !== -1) continue;
          place(q);
          stack.push(...inst.together[q]!);
        }
      }
    }
    for (const m of members) {
      for (let i = 0; i < m.length; i++) {
        for (let j = i + 1; j < m.length; j++) {
          const a = m[i]!;
          const b = m[j]!;
          cnt[a * n + b]!++;
          cnt[b * n + a]!++;
        }
      }
    }
  }
  return result;
}

/** How many more members of G would sit in a group of a topic they did not choose if someone with `mask` joined. */
function topicCost(mask: number, topicCnt: Int32Array, choosers: number, G: number, T: number): number {
  let most = 0;
  let mostWithMine = 0;
  for (let t = 0; t < T; t++) {
    const c = topicCnt[G * T + t]!;
    if (c > most) most = c;
    if (mask & (1 << t) && c + 1 > mostWithMine) mostWithMine = c + 1;
  }
  const before = choosers - most;
  const after = choosers + 1 - Math.max(most, mostWithMine);
  return after - before;
}

/** People hard to place first: with apart/together partners, then from large labs; otherwise at random. */
function placingOrder(inst: Instance, rng: Rng): number[] {
  const shuffled = Array.from(permutation(rng, inst.n));
  const key = (p: number) => {
    if (inst.together[p]!.length > 0 || inst.apart[p]!.length > 0) return -Number.MAX_SAFE_INTEGER;
    const lab = inst.lab[p]!;
    return lab >= 0 ? -inst.labSize[lab]! : 0;
  };
  const rank = new Int32Array(inst.n);
  shuffled.forEach((p, i) => (rank[p] = i));
  return shuffled.sort((a, b) => key(a) - key(b) || rank[a]! - rank[b]!);
}
