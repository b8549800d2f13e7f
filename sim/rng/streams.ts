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
  // seedrandom's Alea seeds the state; the generator is its step, with the state in a typed array
  // (a store into a closure's variable or an object's field can box a double; a typed array never
  // does). The same numbers as seedrandom.alea, to the bit.
  const st = (seedrandom.alea(`lendsim:${seed}:${runIndex}:${purpose}`, { state: true }) as unknown as { state(): AleaState }).state();
  const s = new Float64Array([st.s0, st.s1, st.s2, st.c]);
  return () => {
    const t = 2091639 * s[0]! + s[3]! * 2.3283064365386963e-10; // 2^-32
    s[0] = s[1]!;
    s[1] = s[2]!;
    const c = t | 0;
    s[3] = c;
    return (s[2] = t - c);
  };
}

interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/**
 * A standard normal sampler over `u` (Marsaglia's polar method; the second variate is cached).
 * Build once per run, call in the loop. The cached variate lives in a typed array (no boxing).
 */
export function normalSampler(u: Uniform): () => number {
  const spare = new Float64Array(1);
  const has = new Uint8Array(1);
  return () => {
    if (has[0] === 1) {
      has[0] = 0;
      return spare[0]!;
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
    spare[0] = y * f;
    has[0] = 1;
    return x * f;
  };
}

/** A 32-bit integer that identifies run `runIndex` of a seed (recorded in outputs). */
export function runSeed(seed: number, runIndex: number): number {
  return (stream(seed, runIndex, 'structure')() * 2 ** 32) >>> 0;
}
