/**
 * The classic bin-packing families of the benchmark (`replicore/testing`'s
 * classic generators): each family at its sizes, from both starts (one
 * replica per node, half full), and with idle nodes added to check that
 * they change nothing. Used by `run.ts` and `quality.ts`.
 */
import type { Bounded, StartOptions } from "../../src/testing/classic.js"
import * as C from "../../src/testing/classic.js"
import type { Case } from "./measure.js"

/** A family: its name, its sizes (replicas) in a full and a quick run, and how to make one instance. */
export interface Family {
  readonly name: string
  readonly sizes: ReadonlyArray<number>
  readonly quickSizes: ReadonlyArray<number>
  readonly make: (items: number, options: StartOptions, seed: number) => Bounded
}

/** Idle nodes added to every classic case (the example: 100 idle nodes beside 120 replicas). */
export const EMPTY_NODES = 100

export const FAMILIES: ReadonlyArray<Family> = [
  { name: "uniform (Falkenauer U)", sizes: [120, 250, 500, 1000], quickSizes: [120], make: (items, o, s) => C.uniform({ items, ...o }, s) },
  { name: "triplets (Falkenauer t)", sizes: [60, 120, 249, 501], quickSizes: [60], make: (items, o, s) => C.triplets({ items, ...o }, s) },
  { name: "Scholl wide (c 100, 1–100)", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.schollWide({ items, capacity: 100, minSize: 1, ...o }, s) },
  { name: "Scholl wide (c 120, 30–100)", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.schollWide({ items, capacity: 120, minSize: 30, ...o }, s) },
  { name: "Scholl narrow (3 per node, ±20 %)", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.schollNarrow({ items, perBin: 3, deviation: 0.2, ...o }, s) },
  { name: "Scholl narrow (5 per node, ±50 %)", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.schollNarrow({ items, perBin: 5, deviation: 0.5, ...o }, s) },
  { name: "vector 2, uncorrelated", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.vector({ items, ...o }, s) },
  { name: "vector 2, correlated", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.vector({ items, correlation: "correlated", ...o }, s) },
  { name: "vector 2, anti-correlated", sizes: [100, 500], quickSizes: [100], make: (items, o, s) => C.vector({ items, correlation: "anti-correlated", ...o }, s) },
  { name: "vector 3, uncorrelated", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.vector({ items, resources: 3, ...o }, s) },
  { name: "vector 3, anti-correlated", sizes: [100, 500], quickSizes: [], make: (items, o, s) => C.vector({ items, resources: 3, correlation: "anti-correlated", ...o }, s) }
]

export const STARTS = ["one-per-node", "half-full"] as const

/** Seeds per size: fewer as Ray's algorithm (O(N²) per round) grows expensive. */
const seedCount = (items: number): number => (items <= 250 ? 3 : items <= 501 ? 2 : 1)

/** Every family at every size and start; `quick` keeps the smallest few, one seed; `family` keeps the names containing it. */
export const classicCases = (options: { readonly quick: boolean; readonly family?: string; readonly maxItems?: number; readonly seeds?: number }): Array<Case> =>
  FAMILIES.filter((f) => options.family === undefined || f.name.toLowerCase().includes(options.family.toLowerCase())).flatMap((f) =>
    (options.quick ? f.quickSizes : f.sizes).filter((items) => items <= (options.maxItems ?? Infinity)).flatMap((items) =>
      STARTS.map((start) => ({
        generator: `${f.name}, ${start}`,
        nodes: items,
        seeds: Array.from({ length: options.seeds ?? (options.quick ? 1 : seedCount(items)) }, (_, i) => i + 1),
        make: (seed: number) => f.make(items, { start }, seed),
        classic: { family: f.name, start, items, emptyNodes: EMPTY_NODES, withEmptyNodes: (seed: number) => f.make(items, { start, emptyNodes: EMPTY_NODES }, seed) }
      }))
    )
  )
