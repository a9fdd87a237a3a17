// A small seeded pseudo-random generator (mulberry32) so generators, simulators and jitter repeat exactly.
// Not for anything secret: use node:crypto for keys and tokens.

/** A source of numbers in [0, 1), like Math.random but repeatable from a seed. */
export type Random = () => number;

/** A repeatable generator for `seed` (any integer; the same seed gives the same sequence). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both ends included. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function randomChoice<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}
