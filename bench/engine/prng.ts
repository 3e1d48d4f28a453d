/**
 * A seedable pseudo-random generator, so that the generated data are byte-for-byte the same on every
 * machine and every run (Math.random cannot be seeded). SFC32 has a 2^128 period, far beyond the
 * ~10^8 draws of a 10M-row data set; its four words of state are spread from the seed by SplitMix32.
 */

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** Returns a generator of uniform numbers in [0, 1), fully determined by `seed`. */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitMix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitMix();
  let b = splitMix();
  let c = splitMix();
  let d = splitMix();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A uniform integer in 1..n, like R's `sample(n, size, replace = TRUE)` draws. */
export function sampleInt(random: Random, n: number): number {
  return 1 + Math.floor(random() * n);
}
