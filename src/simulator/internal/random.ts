/**
 * The world's seeded random source: mulberry32, a 32-bit generator small
 * enough to inline in the hot loop (effect's `Random` is an Effect service,
 * too heavy per request), and the few distributions the world draws from.
 * One generator per run: the same seed gives the same day.
 */

/** A seeded stream of numbers in [0, 1). */
export interface Random {
  readonly next: () => number
}

/** A generator from a seed (any integer; only its low 32 bits count). */
export const make = (seed: number): Random => {
  let a = seed >>> 0
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0
      let t = a
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
}

/** An independent stream for one purpose, derived from a seed and a label. */
export const fork = (seed: number, label: string): Random => {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0
  return make(mix(h ^ mix(seed >>> 0)))
}

/** MurmurHash3's finalizer: nearby seeds give unrelated streams. */
const mix = (x: number): number => {
  let h = x >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** An integer in [0, n). */
export const int = (r: Random, n: number): number => Math.floor(r.next() * n)

/** A number in [lo, hi). */
export const between = (r: Random, lo: number, hi: number): number => lo + r.next() * (hi - lo)

/** An exponential draw with this mean. */
export const exponential = (r: Random, mean: number): number => -mean * Math.log(1 - r.next())

/** Above this mean a Poisson draw uses the normal approximation (Knuth's product loop grows with the mean). */
const POISSON_NORMAL_ABOVE = 30

/** A Poisson draw with this mean (Knuth's method, or the rounded normal approximation for large means). */
export const poisson = (r: Random, mean: number): number => {
  if (mean <= 0) return 0
  if (mean > POISSON_NORMAL_ABOVE) {
    const u = 1 - r.next()
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next())
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z))
  }
  const limit = Math.exp(-mean)
  let k = 0
  let p = r.next()
  while (p > limit) {
    k++
    p *= r.next()
  }
  return k
}
