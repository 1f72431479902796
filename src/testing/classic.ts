/**
 * The classic bin-packing families as compaction snapshots: Falkenauer's
 * uniform and triplet classes, Scholl, Klein and Jürgens' wide and narrow
 * classes, and the vector classes of Caprara & Toth and Panigrahy et al.
 * (two or three resources, uncorrelated, correlated or anti-correlated).
 * Every node has the same capacity and costs 1; replicas of equal demand
 * share a deployment. Each family starts either with one replica per node
 * (every packing is reachable) or half full (replicas at random on about
 * twice the nodes they need, none idle), and any start can have idle nodes
 * added. The
 * result carries the optimum where the construction proves it, and always a
 * lower bound (Martello–Toth L2 per resource, and the bound from how many
 * replicas fit on one node).
 *
 * @since 0.1.0
 */
import { Data } from "effect"
import type { Compaction } from "../index.js"
import { seededRandom } from "../internal/random.js"
import type { Generated } from "./generators.js"
import { l2 } from "./internal/bounds.js"

type Resources = Readonly<Record<string, number>>

/**
 * Where the replicas are at the start: `"one-per-node"` (each replica alone
 * on its node, so every packing is reachable) or `"half-full"` (replicas
 * placed at random, where they fit, on about twice the nodes their total
 * demand needs, at least one on each).
 *
 * @category models
 * @since 0.1.0
 */
export type Start = "one-per-node" | "half-full"

/**
 * The start of a classic family, and how many idle nodes (no replica, same
 * capacity) to add at seeded positions among the others. The replicas and
 * their nodes do not depend on `emptyNodes`: the same seed gives the same
 * cluster plus the idle nodes.
 *
 * @category models
 * @since 0.1.0
 */
export interface StartOptions {
  readonly start?: Start
  readonly emptyNodes?: number
}

/**
 * A classic instance: the snapshot, the optimum number of non-empty nodes
 * where the construction proves it, and a lower bound on it in any case.
 *
 * @category models
 * @since 0.1.0
 */
export interface Bounded extends Generated {
  readonly lowerBound: number
}

/**
 * A parameter of a classic generator out of its range (a count that is not
 * a positive integer, triplets not a multiple of three, an unknown start):
 * the generator, the parameter and what is wrong with it.
 *
 * @example
 * import { triplets, InvalidGeneratorParameter } from "replicore/testing"
 * try {
 *   triplets({ items: 10 }, 1)
 * } catch (e) {
 *   e instanceof InvalidGeneratorParameter // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidGeneratorParameter extends Data.TaggedError("InvalidGeneratorParameter")<{
  readonly generator: string
  readonly parameter: string
  readonly problem: string
}> {
  override get message(): string {
    return `replicore/testing.${this.generator}: ${this.parameter} ${this.problem}`
  }
}

/** Falkenauer's U classes: bins of 150, item sizes uniform in [20, 100]. */
const FALKENAUER_U = { capacity: 150, min: 20, max: 100 } as const
/** Falkenauer's t classes: bins of 1000 filled exactly by three items each above a quarter of the bin. */
const TRIPLET_CAPACITY = 1000
/** The largest item of a triplet is drawn from [380, 490] (Falkenauer), which leaves 510–620 for the other two. */
const TRIPLET_FIRST = { min: 380, max: 490 } as const
/** Every triplet item is above a quarter of the bin (> 250), so no bin holds four: the optimum is items / 3. */
const TRIPLET_MIN = 251
/** Scholl, Klein and Jürgens' data set 1: item sizes up to 100. */
const SCHOLL_WIDE_MAX = 100
/** Scholl, Klein and Jürgens' data set 2: bins of 1000. */
const SCHOLL_NARROW_CAPACITY = 1000
/** The vector classes: bins of 150 per resource, sizes in [20, 100] (Caprara & Toth's classes 1, 6 and 7). */
const VECTOR = { capacity: 150, min: 20, max: 100, noise: 10 } as const
/** The resources of the vector classes, in order. */
const VECTOR_RESOURCES = ["CPU", "memory", "disk"] as const
/** Anti-correlated items: the sizes of an item sum to about 40 % of the resources of one node (120 of 300, 180 of 450). */
const ANTI_SUM_PER_RESOURCE = 60
/** The half-full start holds the demand on nodes filled to this share on average. */
const HALF_FULL = 0.5
/** Random nodes tried for a replica of the half-full start before a scan from a random node. */
const PLACEMENT_TRIES = 8
/** The idle nodes' positions come from their own stream, so the rest of the cluster does not depend on them. */
const EMPTY_NODES_SALT = 0x1d1e

/** Sums of shares (fractions) that fill a node exactly may round above it: they still fit. Far below any integer step. */
const ROUNDING = 1e-9

const pad = (prefix: string, i: number, width: number): string => `${prefix}${String(i).padStart(width, "0")}`
const uniformInt = (random: () => number, lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1))
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

const requireCount = (generator: string, parameter: string, value: number, min: number): void => {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InvalidGeneratorParameter({ generator, parameter, problem: `must be an integer ≥ ${min}, got ${value}` })
  }
}

const requireStart = (generator: string, options: StartOptions): void => {
  if (options.start !== undefined && options.start !== "one-per-node" && options.start !== "half-full") {
    throw new InvalidGeneratorParameter({ generator, parameter: "start", problem: `must be "one-per-node" or "half-full", got ${JSON.stringify(options.start)}` })
  }
  requireCount(generator, "emptyNodes", options.emptyNodes ?? 0, 0)
}

/** The most items that fit on one node in a resource: its smallest sizes, while they fit. */
const mostPerNode = (sizes: ReadonlyArray<number>, c: number): number => {
  let total = 0
  let count = 0
  for (const x of [...sizes].sort((a, b) => a - b)) {
    if ((total += x) > c + ROUNDING) break
    count++
  }
  return count
}

/**
 * The best of L2 per resource and ⌈items / the most that fit on one node⌉,
 * by each resource and by the sum of an item's shares of the node (a node's
 * shares sum to at most the number of resources).
 */
const lowerBoundOf = (items: ReadonlyArray<Resources>, capacity: Resources): number => {
  const resources = Object.entries(capacity)
  let bound = 0
  let perNode = items.length
  for (const [k, c] of resources) {
    const sizes = items.map((d) => d[k] ?? 0)
    bound = Math.max(bound, l2(sizes, c))
    perNode = Math.min(perNode, mostPerNode(sizes, c))
  }
  const shares = items.map((d) => resources.reduce((sum, [k, c]) => sum + (d[k] ?? 0) / c, 0))
  perNode = Math.min(perNode, mostPerNode(shares, resources.length))
  return Math.max(bound, Math.ceil(items.length / Math.max(1, perNode)))
}

/** How many nodes hold the demand at the half-full share, in the tightest resource. */
const halfFullNodes = (items: ReadonlyArray<Resources>, capacity: Resources): number =>
  Math.max(1, ...Object.entries(capacity).map(([k, c]) => Math.ceil(items.reduce((s, d) => s + (d[k] ?? 0), 0) / (HALF_FULL * c))))

/**
 * Node index of each item: the first items one per node (so no node starts
 * idle), the others at random where they fit (tries, then a scan), on a new
 * node when none does.
 */
const placeHalfFull = (items: ReadonlyArray<Resources>, capacity: Resources, random: () => number): { nodes: number; at: Array<number> } => {
  const keys = Object.keys(capacity)
  const load: Array<Array<number>> = Array.from({ length: Math.min(items.length, halfFullNodes(items, capacity)) }, () => keys.map(() => 0))
  const fits = (n: number, d: Resources) => keys.every((k, i) => (load[n]?.[i] ?? 0) + (d[k] ?? 0) <= (capacity[k] ?? 0))
  const seeded = load.length
  const at = items.map((d, item) => {
    let node = item < seeded ? item : -1
    for (let t = 0; t < PLACEMENT_TRIES && node < 0; t++) {
      const n = Math.floor(random() * load.length)
      if (fits(n, d)) node = n
    }
    const from = Math.floor(random() * load.length)
    for (let i = 0; i < load.length && node < 0; i++) if (fits((from + i) % load.length, d)) node = (from + i) % load.length
    if (node < 0) node = load.push(keys.map(() => 0)) - 1
    keys.forEach((k, i) => ((load[node] as Array<number>)[i] = (load[node]?.[i] ?? 0) + (d[k] ?? 0)))
    return node
  })
  return { nodes: load.length, at }
}

/** The snapshot of items of the given demands on nodes of one capacity, at the start asked for. */
const build = (items: ReadonlyArray<Resources>, capacity: Resources, options: StartOptions, random: () => number, seed: number): Compaction.SnapshotInput => {
  const { nodes, at } = options.start === "half-full" ? placeHalfFull(items, capacity, random) : { nodes: items.length, at: items.map((_, i) => i) }
  const byDemand = new Map<string, { id: string; demand: Resources; count: number }>()
  const deploymentOf = items.map((demand) => {
    const key = JSON.stringify(demand)
    const d = byDemand.get(key) ?? { id: pad("d", byDemand.size, 5), demand, count: 0 }
    d.count++
    byDemand.set(key, d)
    return d.id
  })
  const nodeList = Array.from({ length: nodes }, (_, i) => ({ id: pad("n", i, 5), capacity }))
  const extra = seededRandom(seed ^ EMPTY_NODES_SALT)
  for (let e = 0; e < (options.emptyNodes ?? 0); e++) {
    nodeList.splice(Math.floor(extra() * (nodeList.length + 1)), 0, { id: pad("e", e, 5), capacity })
  }
  return {
    nodes: nodeList,
    // No surge limit: the classic problem has none, so every packing is reachable in as few waves as the capacity allows.
    deployments: [...byDemand.values()].map((d) => ({ id: d.id, demand: d.demand, maxSurge: d.count })),
    replicas: items.map((_, i) => ({ id: pad("r", i, 6), deployment: deploymentOf[i] ?? "", node: pad("n", at[i] ?? 0, 5) }))
  }
}

const instance = (items: ReadonlyArray<Resources>, capacity: Resources, options: StartOptions, random: () => number, seed: number): Bounded => ({
  snapshot: build(items, capacity, options, random, seed),
  lowerBound: lowerBoundOf(items, capacity)
})

/**
 * Falkenauer's uniform classes (u120, u250, u500, u1000): nodes of 150 CPU,
 * replica demands uniform in [20, 100]. No optimum is known by construction;
 * the lower bound is usually it.
 *
 * @example
 * import { uniform } from "replicore/testing"
 * const g = uniform({ items: 120 }, 1)
 * g.snapshot.replicas.length // 120
 * g.snapshot.nodes.length // 120 (one replica per node)
 *
 * @throws InvalidGeneratorParameter when `items` is not a positive integer or a start option is out of range
 * @category generators
 * @since 0.1.0
 */
export const uniform = (params: { readonly items: number } & StartOptions, seed: number): Bounded => {
  requireCount("uniform", "items", params.items, 1)
  requireStart("uniform", params)
  const random = seededRandom(seed)
  const items = Array.from({ length: params.items }, () => ({ CPU: uniformInt(random, FALKENAUER_U.min, FALKENAUER_U.max) }))
  return instance(items, { CPU: FALKENAUER_U.capacity }, params, random, seed)
}

/**
 * Falkenauer's triplet classes (t60, t120, t249, t501): nodes of 1000 CPU,
 * each optimal node filled exactly by three replicas, all above 250, so no
 * node holds four. The optimum is `items / 3`. Replicas are shuffled.
 *
 * @example
 * import { triplets } from "replicore/testing"
 * triplets({ items: 60 }, 1).optimum // 20
 *
 * @throws InvalidGeneratorParameter when `items` is not a positive multiple of 3 or a start option is out of range
 * @category generators
 * @since 0.1.0
 */
export const triplets = (params: { readonly items: number } & StartOptions, seed: number): Bounded => {
  requireCount("triplets", "items", params.items, 3)
  if (params.items % 3 !== 0) {
    throw new InvalidGeneratorParameter({ generator: "triplets", parameter: "items", problem: `must be a multiple of 3, got ${params.items}` })
  }
  requireStart("triplets", params)
  const random = seededRandom(seed)
  const sizes: Array<number> = []
  for (let b = 0; b < params.items / 3; b++) {
    const first = uniformInt(random, TRIPLET_FIRST.min, TRIPLET_FIRST.max)
    const rest = TRIPLET_CAPACITY - first
    const second = uniformInt(random, TRIPLET_MIN, Math.floor(rest / 2))
    sizes.push(first, second, rest - second)
  }
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[sizes[i], sizes[j]] = [sizes[j] ?? 0, sizes[i] ?? 0]
  }
  const g = instance(sizes.map((CPU) => ({ CPU })), { CPU: TRIPLET_CAPACITY }, params, random, seed)
  return { ...g, optimum: params.items / 3 }
}

/**
 * Scholl, Klein and Jürgens' wide classes (data set 1): nodes of `capacity`
 * CPU (100, 120 or 150 there; 150 by default), replica demands uniform in
 * [`minSize`, 100] (1, 20 or 30 there; 20 by default).
 *
 * @example
 * import { schollWide } from "replicore/testing"
 * schollWide({ items: 50, capacity: 100, minSize: 1 }, 1).snapshot.nodes[0]?.capacity // { CPU: 100 }
 *
 * @throws InvalidGeneratorParameter when a count is not a positive integer, `minSize` is not in [1, 100] or `capacity` is below 100
 * @category generators
 * @since 0.1.0
 */
export const schollWide = (
  params: { readonly items: number; readonly capacity?: number; readonly minSize?: number } & StartOptions,
  seed: number
): Bounded => {
  const capacity = params.capacity ?? 150
  const minSize = params.minSize ?? 20
  requireCount("schollWide", "items", params.items, 1)
  requireCount("schollWide", "capacity", capacity, SCHOLL_WIDE_MAX)
  requireCount("schollWide", "minSize", minSize, 1)
  if (minSize > SCHOLL_WIDE_MAX) {
    throw new InvalidGeneratorParameter({ generator: "schollWide", parameter: "minSize", problem: `must be at most ${SCHOLL_WIDE_MAX}, got ${minSize}` })
  }
  requireStart("schollWide", params)
  const random = seededRandom(seed)
  const items = Array.from({ length: params.items }, () => ({ CPU: uniformInt(random, minSize, SCHOLL_WIDE_MAX) }))
  return instance(items, { CPU: capacity }, params, random, seed)
}

/**
 * Scholl, Klein and Jürgens' narrow classes (data set 2): nodes of 1000 CPU,
 * about `perBin` replicas per node (3, 5, 7 or 9 there; 5 by default):
 * demands uniform within `deviation` (0.2, 0.5 or 0.9 there; 0.2 by
 * default) of 1000 / `perBin`.
 *
 * @example
 * import { schollNarrow } from "replicore/testing"
 * const g = schollNarrow({ items: 100, perBin: 5, deviation: 0.2 }, 1)
 * g.snapshot.deployments.every((d) => (d.demand.CPU ?? 0) >= 160 && (d.demand.CPU ?? 0) <= 240) // true
 *
 * @throws InvalidGeneratorParameter when a count is not a positive integer or `deviation` is not in [0, 1)
 * @category generators
 * @since 0.1.0
 */
export const schollNarrow = (
  params: { readonly items: number; readonly perBin?: number; readonly deviation?: number } & StartOptions,
  seed: number
): Bounded => {
  const perBin = params.perBin ?? 5
  const deviation = params.deviation ?? 0.2
  requireCount("schollNarrow", "items", params.items, 1)
  requireCount("schollNarrow", "perBin", perBin, 1)
  if (!(deviation >= 0 && deviation < 1)) {
    throw new InvalidGeneratorParameter({ generator: "schollNarrow", parameter: "deviation", problem: `must be in [0, 1), got ${deviation}` })
  }
  requireStart("schollNarrow", params)
  const random = seededRandom(seed)
  const mean = SCHOLL_NARROW_CAPACITY / perBin
  const lo = Math.max(1, Math.ceil(mean * (1 - deviation)))
  const hi = Math.min(SCHOLL_NARROW_CAPACITY, Math.floor(mean * (1 + deviation)))
  const items = Array.from({ length: params.items }, () => ({ CPU: uniformInt(random, lo, Math.max(lo, hi)) }))
  return instance(items, { CPU: SCHOLL_NARROW_CAPACITY }, params, random, seed)
}

/**
 * How the demands of a vector replica relate across resources: drawn
 * independently, close to each other, or trading one for another.
 *
 * @category models
 * @since 0.1.0
 */
export type Correlation = "uncorrelated" | "correlated" | "anti-correlated"

/**
 * The vector classes of Caprara & Toth (classes 1, 6 and 7) and Panigrahy et
 * al.: nodes of 150 in each of `resources` resources (CPU, memory and, for
 * three, disk; two by default); the first demand uniform in [20, 100]; the
 * others drawn the same way (`"uncorrelated"`, the default), within 10 of the
 * first (`"correlated"`), or so that an item's demands sum to about 60 per
 * resource (`"anti-correlated"`: a CPU-heavy replica is light in memory).
 *
 * @example
 * import { vector } from "replicore/testing"
 * const g = vector({ items: 20, resources: 3, correlation: "anti-correlated" }, 1)
 * Object.keys(g.snapshot.nodes[0]?.capacity ?? {}) // ["CPU", "memory", "disk"]
 *
 * @throws InvalidGeneratorParameter when `items` is not a positive integer, `resources` is not 2 or 3, or `correlation` is unknown
 * @category generators
 * @since 0.1.0
 */
export const vector = (
  params: { readonly items: number; readonly resources?: number; readonly correlation?: Correlation } & StartOptions,
  seed: number
): Bounded => {
  const dimensions = params.resources ?? 2
  const correlation = params.correlation ?? "uncorrelated"
  requireCount("vector", "items", params.items, 1)
  if (dimensions !== 2 && dimensions !== 3) {
    throw new InvalidGeneratorParameter({ generator: "vector", parameter: "resources", problem: `must be 2 or 3, got ${dimensions}` })
  }
  if (!["uncorrelated", "correlated", "anti-correlated"].includes(correlation)) {
    throw new InvalidGeneratorParameter({ generator: "vector", parameter: "correlation", problem: `must be "uncorrelated", "correlated" or "anti-correlated", got ${JSON.stringify(correlation)}` })
  }
  requireStart("vector", params)
  const random = seededRandom(seed)
  const draw = () => uniformInt(random, VECTOR.min, VECTOR.max)
  const noise = () => uniformInt(random, -VECTOR.noise, VECTOR.noise)
  const names = VECTOR_RESOURCES.slice(0, dimensions)
  const items = Array.from({ length: params.items }, () => {
    const first = draw()
    const sizes = [first]
    for (let k = 1; k < dimensions; k++) {
      if (correlation === "uncorrelated") sizes.push(draw())
      else if (correlation === "correlated") sizes.push(clamp(first + noise(), VECTOR.min, VECTOR.max))
      else if (k < dimensions - 1) sizes.push(draw())
      else {
        const rest = ANTI_SUM_PER_RESOURCE * dimensions - sizes.reduce((a, b) => a + b, 0)
        sizes.push(clamp(rest + noise(), VECTOR.min, VECTOR.max))
      }
    }
    return Object.fromEntries(names.map((k, i) => [k, sizes[i] ?? 0]))
  })
  return instance(items, Object.fromEntries(names.map((k) => [k, VECTOR.capacity])), params, random, seed)
}
