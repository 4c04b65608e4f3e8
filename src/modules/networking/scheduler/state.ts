// A plan under construction, in flat typed arrays, with its cost kept up to date: the change a
// swap of two people in one round would make is computed in O(group size), a swap is applied in
// the same time. Everything the search needs and nothing else.
import type { Instance } from './instance.js';
import * as weights from './weights.js';

// Plain module constants: reading imported bindings in the hot loops costs a getter call each.
const W_APART = weights.W_APART;
const W_TOGETHER = weights.W_TOGETHER;
const W_REPEAT = weights.W_REPEAT;
const W_LAB = weights.W_LAB;
const W_TOPIC = weights.W_TOPIC;
const W_LEVEL = weights.W_LEVEL;

export interface CostParts {
  apart: number;
  togetherSplit: number;
  /** Σ over pairs of k(k−1)/2, k = meetings including `met` ("together" pairs left out). */
  repeats: number;
  sameLab: number;
  topicMisfits: number;
  levelSquares: number;
}

export function weighted(parts: CostParts): number {
  return parts.apart * W_APART + parts.togetherSplit * W_TOGETHER + parts.repeats * W_REPEAT
    + parts.sameLab * W_LAB + parts.topicMisfits * W_TOPIC + parts.levelSquares * W_LEVEL;
}

export class State {
  readonly n: number;
  readonly R: number;
  readonly g: number;
  readonly smax: number;
  readonly sizes: Int32Array;
  /** groupOf[r * n + p]: p's group in round r. */
  readonly groupOf: Int32Array;
  /** mem[(r * g + G) * smax + i]: the i-th member of group G in round r. */
  readonly mem: Int32Array;
  /** pos[r * n + p]: p's place in its group's member list. */
  readonly pos: Int32Array;
  /** cnt[a * n + b]: how often a and b meet (plan and `met`); always 0 for "together" pairs. */
  readonly cnt: Uint8Array;
  readonly lab: Int32Array;
  readonly level: Int32Array;
  readonly L: number;
  /** levelCnt[(r * g + G) * L + l]. */
  readonly levelCnt: Int32Array;
  /** People of a level one group has when they are spread evenly: levelFloor or levelFloor + 1. */
  readonly levelFloor: Int32Array;
  /** below[r * L + l]: groups of round r with fewer than levelFloor[l] of level l. */
  readonly below: Int32Array;
  readonly topicMask: (Int32Array | null)[];
  readonly T: number[];
  /** topicCnt[r][G * T + t]: members of G who chose topic t. */
  readonly topicCnt: (Int32Array | null)[];
  /** choosers[r * g + G]: members of G who chose any of round r's topics. */
  readonly choosers: Int32Array;
  readonly apart: Int32Array[];
  readonly together: Int32Array[];
  readonly hasLabs: boolean;
  readonly hasPairs: boolean;
  cost = 0;

  constructor(readonly inst: Instance, assignment: Int32Array) {
    const { n, rounds: R, groups: g, smax } = inst;
    this.n = n;
    this.R = R;
    this.g = g;
    this.smax = smax;
    this.sizes = Int32Array.from(inst.sizes);
    this.groupOf = new Int32Array(R * n);
    this.mem = new Int32Array(R * g * smax);
    this.pos = new Int32Array(R * n);
    this.cnt = new Uint8Array(n * n);
    this.lab = inst.lab;
    this.level = inst.level;
    this.L = inst.levelSize.length;
    this.levelCnt = new Int32Array(R * g * Math.max(1, this.L));
    this.levelFloor = Int32Array.from(inst.levelSize, (size) => Math.floor(size / Math.max(1, g)));
    this.below = new Int32Array(R * Math.max(1, this.L));
    this.topicMask = inst.topicMask;
    this.T = inst.themes.map((t) => t?.length ?? 0);
    this.topicCnt = inst.themes.map((t) => (t ? new Int32Array(g * t.length) : null));
    this.choosers = new Int32Array(R * g);
    this.apart = inst.apart.map((a) => Int32Array.from(a));
    this.together = inst.together.map((a) => Int32Array.from(a));
    this.hasLabs = inst.labSize.some((size) => size > 1);
    this.hasPairs = inst.apart.some((a) => a.length > 0) || inst.together.some((a) => a.length > 0);
    this.load(assignment);
  }

  isTogether(a: number, b: number): boolean {
    const list = this.together[a]!;
    for (let i = 0; i < list.length; i++) if (list[i] === b) return true;
    return false;
  }

  /** Sets the whole plan (groupOf for every round, as from a construction or an earlier best) and recomputes everything. */
  load(assignment: Int32Array): void {
    const { n, R, g, smax, cnt, inst } = this;
    this.groupOf.set(assignment);
    cnt.fill(0);
    this.levelCnt.fill(0);
    this.below.fill(0);
    this.choosers.fill(0);
    for (const t of this.topicCnt) t?.fill(0);
    const met = inst.met;
    for (let i = 0; i < met.length; i += 2) {
      const a = met[i]!;
      const b = met[i + 1]!;
      if (this.isTogether(a, b)) continue;
      cnt[a * n + b] = 1;
      cnt[b * n + a] = 1;
    }
    const fill = new Int32Array(g);
    for (let r = 0; r < R; r++) {
      fill.fill(0);
      const mask = this.topicMask[r];
      const tc = this.topicCnt[r];
      const T = this.T[r]!;
      for (let p = 0; p < n; p++) {
        const G = this.groupOf[r * n + p]!;
        const at = fill[G]!++;
        if (at >= this.sizes[G]!) throw new Error(`internal: group ${G} of round ${r} overfull`);
        this.mem[(r * g + G) * smax + at] = p;
        this.pos[r * n + p] = at;
        const l = this.level[p]!;
        if (l >= 0) this.levelCnt[(r * g + G) * this.L + l]!++;
        if (mask && tc) {
          const m = mask[p]!;
          if (m !== 0) {
            this.choosers[r * g + G]!++;
            for (let t = 0; t < T; t++) if (m & (1 << t)) tc[G * T + t]!++;
          }
        }
      }
      for (let G = 0; G < g; G++) {
        for (let l = 0; l < this.L; l++) if (this.levelCnt[(r * g + G) * this.L + l]! < this.levelFloor[l]!) this.below[r * this.L + l]!++;
        if (fill[G] !== this.sizes[G]) throw new Error(`internal: group ${G} of round ${r} has ${fill[G]} of ${this.sizes[G]}`);
        const off = (r * g + G) * smax;
        const size = this.sizes[G]!;
        for (let i = 0; i < size; i++) {
          const a = this.mem[off + i]!;
          for (let j = i + 1; j < size; j++) {
            const b = this.mem[off + j]!;
            if (this.isTogether(a, b)) continue;
            cnt[a * n + b]!++;
            cnt[b * n + a]!++;
          }
        }
      }
    }
    this.cost = weighted(this.parts());
  }

  /** The cost's parts, counted from scratch. */
  parts(): CostParts {
    const { n, R, g, smax, cnt } = this;
    const parts: CostParts = { apart: 0, togetherSplit: 0, repeats: 0, sameLab: 0, topicMisfits: 0, levelSquares: 0 };
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        const k = cnt[a * n + b]!;
        if (k > 1) parts.repeats += (k * (k - 1)) / 2;
      }
    }
    for (let r = 0; r < R; r++) {
      for (let G = 0; G < g; G++) {
        const off = (r * g + G) * smax;
        const size = this.sizes[G]!;
        for (let i = 0; i < size; i++) {
          const a = this.mem[off + i]!;
          const la = this.lab[a]!;
          if (la < 0) continue;
          for (let j = i + 1; j < size; j++) {
            const b = this.mem[off + j]!;
            if (this.lab[b] === la && !this.isTogether(a, b)) parts.sameLab++;
          }
        }
        for (let l = 0; l < this.L; l++) parts.levelSquares += this.levelCnt[(r * g + G) * this.L + l]! ** 2;
        if (this.topicCnt[r]) parts.topicMisfits += this.misfit(r, G, 0, 0);
      }
      for (let a = 0; a < n; a++) {
        const G = this.groupOf[r * n + a]!;
        for (const b of this.apart[a]!) if (b > a && this.groupOf[r * n + b] === G) parts.apart++;
        for (const b of this.together[a]!) if (b > a && this.groupOf[r * n + b] !== G) parts.togetherSplit++;
      }
    }
    return parts;
  }

  /** Members of G in thematic round r not in a group of a topic they chose, if `remove` left and `add` joined (masks; 0 = nobody). */
  misfit(r: number, G: number, remove: number, add: number): number {
    const T = this.T[r]!;
    const tc = this.topicCnt[r]!;
    let most = 0;
    for (let t = 0; t < T; t++) {
      const c = tc[G * T + t]! - ((remove >> t) & 1) + ((add >> t) & 1);
      if (c > most) most = c;
    }
    const choosers = this.choosers[r * this.g + G]! - (remove !== 0 ? 1 : 0) + (add !== 0 ? 1 : 0);
    return choosers - most;
  }

  /** The change of cost if a and b (in different groups of round r) changed places. */
  swapDelta(r: number, a: number, b: number): number {
    const { n, g, smax, cnt, mem, lab, groupOf } = this;
    const base = r * n;
    const G1 = groupOf[base + a]!;
    const G2 = groupOf[base + b]!;
    const an = a * n;
    const bn = b * n;
    let rep = 0;
    let sameLab = 0;
    const la = lab[a]!;
    const lb = lab[b]!;
    let off = (r * g + G1) * smax;
    let size = this.sizes[G1]!;
    for (let i = 0; i < size; i++) {
      const x = mem[off + i]!;
      if (x === a) continue;
      rep += cnt[bn + x]! - cnt[an + x]! + 1;
      const lx = lab[x]!;
      if (lx >= 0) {
        if (lx === lb) sameLab++;
        if (lx === la) sameLab--;
      }
    }
    off = (r * g + G2) * smax;
    size = this.sizes[G2]!;
    for (let i = 0; i < size; i++) {
      const y = mem[off + i]!;
      if (y === b) continue;
      rep += cnt[an + y]! - cnt[bn + y]! + 1;
      const ly = lab[y]!;
      if (ly >= 0) {
        if (ly === la) sameLab++;
        if (ly === lb) sameLab--;
      }
    }
    let delta = rep * W_REPEAT + sameLab * W_LAB;

    if (this.hasPairs) {
      // "Together" pairs: the loops above treated them as ordinary pairs with no meetings; undo that.
      const same = (p: number, q: number) => (lab[p]! >= 0 && lab[p] === lab[q] ? 1 : 0);
      for (const p of this.together[a]!) {
        if (p === b) continue;
        const gp = groupOf[base + p];
        if (gp === G1) delta += -W_REPEAT + same(a, p) * W_LAB + W_TOGETHER;
        else if (gp === G2) delta += -same(a, p) * W_LAB - W_TOGETHER;
      }
      for (const p of this.together[b]!) {
        if (p === a) continue;
        const gp = groupOf[base + p];
        if (gp === G2) delta += -W_REPEAT + same(b, p) * W_LAB + W_TOGETHER;
        else if (gp === G1) delta += -same(b, p) * W_LAB - W_TOGETHER;
      }
      for (const p of this.apart[a]!) {
        if (p === b) continue;
        const gp = groupOf[base + p];
        if (gp === G1) delta -= W_APART;
        else if (gp === G2) delta += W_APART;
      }
      for (const p of this.apart[b]!) {
        if (p === a) continue;
        const gp = groupOf[base + p];
        if (gp === G2) delta -= W_APART;
        else if (gp === G1) delta += W_APART;
      }
    }

    const va = this.level[a]!;
    const vb = this.level[b]!;
    if (va !== vb) {
      const L = this.L;
      const c1 = (r * g + G1) * L;
      const c2 = (r * g + G2) * L;
      const lc = this.levelCnt;
      let squares = 0;
      if (va >= 0) squares += -2 * lc[c1 + va]! + 1 + 2 * lc[c2 + va]! + 1;
      if (vb >= 0) squares += -2 * lc[c2 + vb]! + 1 + 2 * lc[c1 + vb]! + 1;
      delta += squares * W_LEVEL;
    }

    const mask = this.topicMask[r];
    if (mask) {
      const ma = mask[a]!;
      const mb = mask[b]!;
      if (ma !== mb) {
        const misfits = this.misfit(r, G1, ma, mb) - this.misfit(r, G1, 0, 0) + this.misfit(r, G2, mb, ma) - this.misfit(r, G2, 0, 0);
        delta += misfits * W_TOPIC;
      }
    }
    return delta;
  }

  /** Lets a and b (in different groups of round r) change places; `delta` is swapDelta's answer. */
  swap(r: number, a: number, b: number, delta: number): void {
    const { n, g, smax, cnt, mem, groupOf, pos } = this;
    const base = r * n;
    const G1 = groupOf[base + a]!;
    const G2 = groupOf[base + b]!;
    const an = a * n;
    const bn = b * n;
    const pairs = this.hasPairs;
    let off = (r * g + G1) * smax;
    let size = this.sizes[G1]!;
    for (let i = 0; i < size; i++) {
      const x = mem[off + i]!;
      if (x === a) continue;
      if (!pairs || !this.isTogether(a, x)) {
        cnt[an + x]!--;
        cnt[x * n + a]!--;
      }
      if (!pairs || !this.isTogether(b, x)) {
        cnt[bn + x]!++;
        cnt[x * n + b]!++;
      }
    }
    off = (r * g + G2) * smax;
    size = this.sizes[G2]!;
    for (let i = 0; i < size; i++) {
      const y = mem[off + i]!;
      if (y === b) continue;
      if (!pairs || !this.isTogether(b, y)) {
        cnt[bn + y]!--;
        cnt[y * n + b]!--;
      }
      if (!pairs || !this.isTogether(a, y)) {
        cnt[an + y]!++;
        cnt[y * n + a]!++;
      }
    }
    const pa = pos[base + a]!;
    const pb = pos[base + b]!;
    mem[(r * g + G1) * smax + pa] = b;
    mem[(r * g + G2) * smax + pb] = a;
    pos[base + a] = pb;
    pos[base + b] = pa;
    groupOf[base + a] = G2;
    groupOf[base + b] = G1;

    const va = this.level[a]!;
    const vb = this.level[b]!;
    if (va !== vb) {
      if (va >= 0) {
        this.moveLevel(r, G1, va, -1);
        this.moveLevel(r, G2, va, 1);
      }
      if (vb >= 0) {
        this.moveLevel(r, G2, vb, -1);
        this.moveLevel(r, G1, vb, 1);
      }
    }
    const mask = this.topicMask[r];
    const tc = this.topicCnt[r];
    if (mask && tc) {
      const ma = mask[a]!;
      const mb = mask[b]!;
      if (ma !== mb) {
        const T = this.T[r]!;
        for (let t = 0; t < T; t++) {
          const da = (ma >> t) & 1;
          const db = (mb >> t) & 1;
          tc[G1 * T + t]! += db - da;
          tc[G2 * T + t]! += da - db;
        }
        const ca = ma !== 0 ? 1 : 0;
        const cb = mb !== 0 ? 1 : 0;
        this.choosers[r * g + G1]! += cb - ca;
        this.choosers[r * g + G2]! += ca - cb;
      }
    }
    this.cost += delta;
  }

  private moveLevel(r: number, G: number, l: number, change: number): void {
    const at = (r * this.g + G) * this.L + l;
    const floor = this.levelFloor[l]!;
    const before = this.levelCnt[at]!;
    const after = before + change;
    this.levelCnt[at] = after;
    if (before < floor && after >= floor) this.below[r * this.L + l]!--;
    else if (before >= floor && after < floor) this.below[r * this.L + l]!++;
  }

  /** Whether p, in round r, has something the search should try to fix. */
  conflicted(r: number, p: number): boolean {
    const { n, g, smax, cnt, mem, lab, groupOf } = this;
    const G = groupOf[r * n + p]!;
    const off = (r * g + G) * smax;
    const size = this.sizes[G]!;
    const lp = lab[p]!;
    const pn = p * n;
    for (let i = 0; i < size; i++) {
      const x = mem[off + i]!;
      if (x === p) continue;
      if (cnt[pn + x]! >= 2) return true;
      if (lp >= 0 && lab[x] === lp && !this.isTogether(p, x)) return true;
    }
    if (this.hasPairs) {
      for (const q of this.apart[p]!) if (groupOf[r * n + q] === G) return true;
      for (const q of this.together[p]!) if (groupOf[r * n + q] !== G) return true;
    }
    // A level is spread evenly when every group has its floor or one more; more than that, or
    // one more while some group lacks it, is worth moving.
    const v = this.level[p]!;
    if (v >= 0) {
      const c = this.levelCnt[(r * g + G) * this.L + v]!;
      const floor = this.levelFloor[v]!;
      if (c > floor + 1 || (c === floor + 1 && this.below[r * this.L + v]! > 0)) return true;
    }
    const mask = this.topicMask[r];
    if (mask && mask[p] !== 0 && this.misfit(r, G, 0, 0) > 0) return true;
    return false;
  }
}
