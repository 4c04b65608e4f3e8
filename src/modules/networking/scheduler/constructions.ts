// Known combinatorial designs that give rounds in which nobody meets anyone twice, up to the
// theoretical bound ⌊(n−1)/(s−1)⌋ rounds, where local search alone fails:
//
// - AG(d, q), the affine geometry over the finite field GF(q) (q a prime power): q^d people in
//   groups of q; each of its (q^d − 1)/(q − 1) parallel classes of lines is one round, and any two
//   points lie on exactly one line. AG(2, q) is the affine plane: 9/3/4, 16/4/5, 25/5/6, 49/7/8…;
//   AG(3, 3) is a Kirkman triple system on 27 people (13 rounds), AG(d, 2) groups of 2.
// - KTS(15), Kirkman's fifteen schoolgirls (1850): 15 people in groups of 3 over 7 days.
// - Round-robin (the circle method): an even number of people in pairs over n − 1 rounds.
// - A partial spread of GF(p)^d: k-dimensional subspaces meeting only in 0; the cosets of each are
//   one round of p^k-people groups, and two people meet only in the round of the subspace holding
//   their difference. The largest partial spread of lines in PG(4, 2) has 9 lines, which gives
//   32 people in groups of 4 over 9 rounds (the bound, 10, is not reachable this way).
// - Rows, columns and a Latin square of an s × s grid: s² people in groups of s, 3 rounds, for
//   any s (for s = 6 nothing more exists: Euler's 36 officers).
//
// A construction gives rounds as lists of groups of points 0…n−1; the planner decides who is which
// point and searches on from there when there is more to optimise than repeats.
import { mulberry32, permutation } from './random.js';

export interface Construction {
  name: string;
  /** rounds[r][g] = the points of group g in round r. */
  rounds: number[][][];
}

/** The best construction for n people in groups of exactly s, giving up to `rounds` rounds; null if none is known. */
export function construct(n: number, s: number, rounds: number): Construction | null {
  if (rounds < 1 || s < 2 || n % s !== 0 || n <= s) return null;
  const candidates: Construction[] = [];
  const power = primePower(s);
  if (power) {
    // n = p^d: AG(d / k, s) when s = p^k and k divides d, else a partial spread.
    let d = 0;
    for (let size = 1; size < n; size *= power.p) d++;
    if (power.p ** d === n && d > power.k) {
      if (d % power.k === 0) candidates.push(affineGeometry(d / power.k, power.p, power.k, rounds));
      else {
        const spread = partialSpread(power.p, d, power.k, rounds);
        if (spread) candidates.push(spread);
      }
    }
  }
  if (n === 15 && s === 3) candidates.push(kirkman15(rounds));
  if (s === 2) candidates.push(roundRobin(n, rounds));
  if (n === s * s) candidates.push(latinGrid(s, rounds));
  let best: Construction | null = null;
  for (const c of candidates) if (!best || c.rounds.length > best.rounds.length) best = c;
  return best;
}

/** p^k = q, or null when q is not a prime power. */
export function primePower(q: number): { p: number; k: number } | null {
  if (q < 2) return null;
  let p = 2;
  while (p * p <= q && q % p !== 0) p++;
  if (q % p !== 0) p = q;
  let k = 0;
  let rest = q;
  while (rest % p === 0) {
    rest /= p;
    k++;
  }
  return rest === 1 ? { p, k } : null;
}

/**
 * GF(p^k): elements 0…q−1 are polynomials over GF(p) written in base p. Addition is digit-wise,
 * multiplication modulo the first monic polynomial of degree k that gives no zero divisors (an
 * irreducible one).
 */
export function finiteField(p: number, k: number): { q: number; add: Int32Array; mul: Int32Array } {
  const q = p ** k;
  const add = new Int32Array(q * q);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      let sum = 0;
      for (let i = 0, x = a, y = b, unit = 1; i < k; i++, x = Math.floor(x / p), y = Math.floor(y / p), unit *= p) {
        sum += (((x % p) + (y % p)) % p) * unit;
      }
      add[a * q + b] = sum;
    }
  }
  const digits = (x: number) => Array.from({ length: k }, (_, i) => Math.floor(x / p ** i) % p);
  for (let tail = 0; tail < q; tail++) {
    // modulus = x^k + tail(x)
    const modulus = [...digits(tail), 1];
    const mul = new Int32Array(q * q);
    let field = true;
    for (let a = 1; a < q && field; a++) {
      for (let b = 1; b < q; b++) {
        const product = new Array<number>(2 * k - 1).fill(0);
        const da = digits(a);
        const db = digits(b);
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) product[i + j] = (product[i + j]! + da[i]! * db[j]!) % p;
        for (let deg = 2 * k - 2; deg >= k; deg--) {
          const c = product[deg]!;
          if (c === 0) continue;
          for (let i = 0; i <= k; i++) product[deg - k + i] = (((product[deg - k + i]! - c * modulus[i]!) % p) + p) % p;
        }
        let value = 0;
        for (let i = k - 1; i >= 0; i--) value = value * p + product[i]!;
        if (value === 0) {
          field = false;
          break;
        }
        mul[a * q + b] = value;
      }
    }
    if (field) return { q, add, mul };
  }
  throw new Error(`no irreducible polynomial of degree ${k} over GF(${p})`);
}

/** The parallel classes of lines of AG(d, q), q = p^k: the first `rounds` of them. */
export function affineGeometry(d: number, p: number, k: number, rounds: number): Construction {
  const { q, add, mul } = finiteField(p, k);
  const n = q ** d;
  const coords = (x: number) => Array.from({ length: d }, (_, i) => Math.floor(x / q ** i) % q);
  const point = (c: number[]) => c.reduce((acc, v, i) => acc + v * q ** i, 0);
  // Directions: nonzero vectors whose last nonzero coordinate is 1 (one per point of PG(d−1, q)).
  const directions: number[][] = [];
  for (let x = 1; x < n && directions.length < rounds; x++) {
    const c = coords(x);
    let last = d - 1;
    while (c[last] === 0) last--;
    if (c[last] === 1) directions.push(c);
  }
  const result: number[][][] = [];
  for (const v of directions) {
    const seen = new Uint8Array(n);
    const groups: number[][] = [];
    for (let x = 0; x < n; x++) {
      if (seen[x]) continue;
      const base = coords(x);
      const line: number[] = [];
      for (let t = 0; t < q; t++) {
        const y = point(base.map((b, i) => add[b * q + mul[t * q + v[i]!]!]!));
        seen[y] = 1;
        line.push(y);
      }
      groups.push(line.sort((a, b) => a - b));
    }
    result.push(groups);
  }
  return { name: `AG(${d},${q})`, rounds: result };
}

/**
 * A Kirkman triple system on 15 points (one of the seven non-isomorphic solutions of Kirkman's
 * schoolgirl problem): 7 rounds of 5 triples, every pair exactly once. Checked by the tests.
 */
const KTS15: readonly (readonly (readonly number[])[])[] = [
  [[0, 4, 7], [1, 9, 10], [2, 11, 14], [3, 8, 13], [5, 6, 12]],
  [[0, 3, 6], [1, 4, 13], [2, 10, 12], [5, 7, 14], [8, 9, 11]],
  [[0, 8, 14], [1, 5, 11], [2, 4, 6], [3, 7, 10], [9, 12, 13]],
  [[0, 1, 12], [2, 5, 8], [3, 4, 11], [6, 7, 9], [10, 13, 14]],
  [[0, 5, 13], [1, 2, 3], [4, 9, 14], [6, 8, 10], [7, 11, 12]],
  [[0, 10, 11], [1, 6, 14], [2, 7, 13], [3, 5, 9], [4, 8, 12]],
  [[0, 2, 9], [1, 7, 8], [3, 12, 14], [4, 5, 10], [6, 11, 13]],
];

export function kirkman15(rounds: number): Construction {
  return { name: 'KTS(15)', rounds: KTS15.slice(0, rounds).map((round) => round.map((g) => [...g])) };
}

/** The circle method: n (even) people in pairs, n − 1 rounds, everyone meets everyone once. */
export function roundRobin(n: number, rounds: number): Construction {
  const m = n - 1;
  const result: number[][][] = [];
  for (let r = 0; r < Math.min(rounds, m); r++) {
    const groups: number[][] = [[r, m]];
    for (let i = 1; i <= (n - 2) / 2; i++) groups.push([(r + i) % m, (r - i + m) % m]);
    result.push(groups);
  }
  return { name: `round-robin(${n})`, rounds: result };
}

/** Rows, columns and the cyclic Latin square (i + j) mod s of an s × s grid: 3 rounds. */
export function latinGrid(s: number, rounds: number): Construction {
  const at = (i: number, j: number) => i * s + j;
  const rows = Array.from({ length: s }, (_, i) => Array.from({ length: s }, (_, j) => at(i, j)));
  const columns = Array.from({ length: s }, (_, j) => Array.from({ length: s }, (_, i) => at(i, j)));
  const diagonals = Array.from({ length: s }, (_, c) => Array.from({ length: s }, (_, i) => at(i, (c - i + s) % s)));
  return { name: `grid(${s}x${s})`, rounds: [rows, columns, diagonals].slice(0, s >= 3 ? Math.min(rounds, 3) : Math.min(rounds, 2)) };
}

/**
 * Cosets of k-dimensional subspaces of GF(p)^d (p prime) that pairwise meet only in 0, as many as
 * a randomised greedy packing finds (deterministic: a fixed seed), up to `rounds`.
 */
export function partialSpread(p: number, d: number, k: number, rounds: number): Construction | null {
  const n = p ** d;
  const bound = Math.floor((n - 1) / (p ** k - 1));
  const target = Math.min(rounds, bound);
  const subspaces = enumerateSubspaces(p, d, k, 20_000);
  if (!subspaces) return null;
  const rng = mulberry32(0x5eed);
  let best: number[][] = [];
  const used = new Uint8Array(n);
  const attempts = Math.min(400, Math.ceil(2_000_000 / subspaces.length));
  for (let attempt = 0; attempt < attempts && best.length < target; attempt++) {
    used.fill(0);
    const chosen: number[][] = [];
    for (const i of permutation(rng, subspaces.length)) {
      const elements = subspaces[i]!;
      if (elements.some((v) => used[v])) continue;
      for (const v of elements) used[v] = 1;
      chosen.push(elements);
      if (chosen.length === target) break;
    }
    if (chosen.length > best.length) best = chosen;
  }
  if (best.length === 0) return null;
  const add = (x: number, y: number) => {
    let sum = 0;
    for (let i = 0, unit = 1; i < d; i++, unit *= p) sum += ((Math.floor(x / unit) % p) + (Math.floor(y / unit) % p)) % p * unit;
    return sum;
  };
  const result = best.map((elements) => {
    const seen = new Uint8Array(n);
    const groups: number[][] = [];
    for (let x = 0; x < n; x++) {
      if (seen[x]) continue;
      const coset = [x, ...elements.map((v) => add(x, v))].sort((a, b) => a - b);
      for (const y of coset) seen[y] = 1;
      groups.push(coset);
    }
    return groups;
  });
  return { name: `partial spread of GF(${p})^${d}`, rounds: result };
}

/** The nonzero vectors of every k-dimensional subspace of GF(p)^d (vectors as base-p numbers); null if more than `limit`. */
function enumerateSubspaces(p: number, d: number, k: number, limit: number): number[][] | null {
  const result: number[][] = [];
  const pivots: number[] = [];
  const choosePivots = (from: number): boolean => {
    if (pivots.length === k) return fillRows();
    for (let c = from; c <= d - (k - pivots.length); c++) {
      pivots.push(c);
      if (!choosePivots(c + 1)) return false;
      pivots.pop();
    }
    return true;
  };
  // Reduced row echelon form: row i has 1 in column pivots[i], 0 in the other pivot columns and
  // before its pivot, anything in the remaining columns after it.
  const fillRows = (): boolean => {
    const free: [number, number][] = [];
    for (let i = 0; i < k; i++) for (let c = pivots[i]! + 1; c < d; c++) if (!pivots.includes(c)) free.push([i, c]);
    const combinations = p ** free.length;
    for (let m = 0; m < combinations; m++) {
      const rows = pivots.map((c) => {
        const row = new Array<number>(d).fill(0);
        row[c] = 1;
        return row;
      });
      let rest = m;
      for (const [i, c] of free) {
        rows[i]![c] = rest % p;
        rest = Math.floor(rest / p);
      }
      const elements: number[] = [];
      for (let lambda = 1; lambda < p ** k; lambda++) {
        const v = new Array<number>(d).fill(0);
        for (let i = 0, l = lambda; i < k; i++, l = Math.floor(l / p)) {
          const coefficient = l % p;
          if (coefficient !== 0) for (let c = 0; c < d; c++) v[c] = (v[c]! + coefficient * rows[i]![c]!) % p;
        }
        elements.push(v.reduce((acc, x, c) => acc + x * p ** c, 0));
      }
      result.push(elements);
      if (result.length > limit) return false;
    }
    return true;
  };
  return choosePivots(0) ? result : null;
}
