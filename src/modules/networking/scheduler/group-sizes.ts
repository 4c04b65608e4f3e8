// How many groups, and how large: n people in groups of about `groupSize`, every group within the
// allowed spread when the numbers do not divide. Sizes differ by at most one (a balanced split is
// possible whenever any split within the spread is).
import type { Spread } from './scheduler.types.js';

export function allowedSizes(groupSize: number, spread: Spread = 'both'): { min: number; max: number } {
  if (spread === 'smaller') return { min: groupSize - 1, max: groupSize };
  if (spread === 'larger') return { min: groupSize, max: groupSize + 1 };
  return { min: groupSize - 1, max: groupSize + 1 };
}

/**
 * Group sizes, largest first. The number of groups is round(n / groupSize) when that keeps every
 * group within the spread, otherwise the nearest number that does. When none does (too few
 * people), the number whose sizes stray least; fewer than 2 people make one group (none for 0).
 */
export function groupSizes(n: number, groupSize: number, spread: Spread = 'both'): number[] {
  if (n === 0) return [];
  if (n < 2) return [n];
  const { min, max } = allowedSizes(groupSize, spread);
  const split = (g: number) => {
    const small = Math.floor(n / g);
    const larger = n % g;
    return Array.from({ length: g }, (_, i) => (i < larger ? small + 1 : small));
  };
  const fits = (g: number) => Math.floor(n / g) >= min && Math.ceil(n / g) <= max;
  const target = Math.min(n, Math.max(1, Math.round(n / groupSize)));
  for (let d = 0; d <= n; d++) {
    // Nearest first; between two equally near, fewer (larger) groups first.
    if (target - d >= 1 && fits(target - d)) return split(target - d);
    if (d > 0 && target + d <= n && fits(target + d)) return split(target + d);
  }
  // Nothing fits: the fewest groups of at least 2 that exceed the maximum least, else one group.
  let best = 1;
  let bestStray = Number.POSITIVE_INFINITY;
  for (let g = 1; g <= Math.floor(n / 2); g++) {
    const stray = Math.max(0, min - Math.floor(n / g)) + Math.max(0, Math.ceil(n / g) - max);
    if (stray < bestStray) {
      best = g;
      bestStray = stray;
    }
  }
  return split(best);
}
