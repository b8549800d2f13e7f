/**
 * Random streams. A run draws from independent streams keyed by (seed, run index, purpose), so the
 * two arms of a comparison share their draws (common random numbers) and a change in one mechanism
 * does not reshuffle another's. seedrandom's Alea: about twice the speed of its default ARC4 in the
 * borrower-month loop.
 */
import seedrandom from 'seedrandom';

/** A uniform source on [0, 1). */
export type Uniform = () => number;

/** What each stream is for. Adding a purpose never changes the draws of the others. */
export type Purpose = 'structure' | 'population' | 'seek' | 'scores' | 'routing' | 'defaults' | 'review' | 'turnover' | 'pricing' | 'grey';

/** The uniform stream for (seed, run index, purpose). */
export function stream(seed: number, runIndex: number, purpose: Purpose): Uniform {
  const prng = seedrandom.alea(`lendsim:${seed}:${runIndex}:${purpose}`);
  return prng as unknown as Uniform;
}

/**
 * A standard normal sampler over `u` (Marsaglia's polar method; the second variate is cached).
 * Build once per run, call in the loop.
 */
export function normalSampler(u: Uniform): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let x = 0;
    let y = 0;
    let s = 0;
    do {
      x = 2 * u() - 1;
      y = 2 * u() - 1;
      s = x * x + y * y;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare = y * f;
    hasSpare = true;
    return x * f;
  };
}

/** A 32-bit integer that identifies run `runIndex` of a seed (recorded in outputs). */
export function runSeed(seed: number, runIndex: number): number {
  return (stream(seed, runIndex, 'structure')() * 2 ** 32) >>> 0;
}
