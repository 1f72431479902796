/**
 * The search over which nodes to release. One attempt walks the release
 * candidates in an order and drains each one that can be emptied
 * (`Packing.drain`), in rounds until a round releases nothing. The planner
 * runs several attempts with different orders (the lightest nodes first, the
 * fewest replicas first, seeded perturbations of both) and keeps the best:
 * most released nodes (or cost), then the least migration cost, then the
 * fewest levels. The same instance and seed give the same result.
 */
import type { PlanOptions } from "../../compaction/Snapshot.js"
import { type Instance, loadOf } from "./instance.js"
import { Packing } from "./packing.js"
import { seededRandom } from "../random.js"

export interface Search {
  /** The best packing found so far. */
  readonly best: () => Packing
  /** How many attempts have run. */
  readonly attempts: () => number
  readonly finished: () => boolean
  /** Runs one more attempt; false when none is left. */
  readonly step: () => boolean
}

const MAX_ROUNDS = 3

/** How many orders to try: many for small instances, two at 50,000 replicas. */
export const attemptsFor = (instance: Instance): number =>
  Math.max(2, Math.min(32, Math.floor(150_000 / (instance.replicaIds.length + instance.nodeIds.length + 1))))

const released = (p: Packing, options: PlanOptions): number => {
  let value = 0
  p.released.forEach((r, n) => (value += r === 1 ? (options.objective === "cost" ? p.instance.cost[n] ?? 0 : 1) : 0))
  return value
}

const maxLevel = (p: Packing): number => p.level.reduce((a, b) => (b > a ? b : a), 0)

const better = (a: Packing, b: Packing, options: PlanOptions): boolean => {
  const va = released(a, options)
  const vb = released(b, options)
  if (va !== vb) return va > vb
  if (a.spent !== b.spent) return a.spent < b.spent
  return maxLevel(a) < maxLevel(b)
}

/** Sort keys of the nodes: how light each one is for what its release saves. */
const lightness = (instance: Instance, options: PlanOptions): Float64Array => {
  const R = instance.resources.length
  const load = loadOf(instance, instance.replicaNode)
  return Float64Array.from(instance.nodeIds, (_, n) => {
    let share = 0
    for (let k = 0; k < R; k++) share += (load[n * R + k] ?? 0) / (instance.scale[k] ?? 1)
    if (options.objective !== "cost") return share
    const cost = instance.cost[n] ?? 0
    return cost > 0 ? share / cost : Infinity
  })
}

/** The candidate order of attempt i: lightest first, fewest replicas first, then seeded perturbations of both. */
const orderKeys = (light: Float64Array, counts: Int32Array, seed: number, attempt: number): Float64Array => {
  if (attempt === 0) return light
  if (attempt === 1) return Float64Array.from(light, (l, n) => (counts[n] ?? 0) * 1e6 + l)
  const next = seededRandom(seed * 7919 + attempt)
  const spread = 0.15 + 0.5 * next()
  const byCount = attempt % 2 === 1
  return Float64Array.from(light, (l, n) => (byCount ? (counts[n] ?? 0) * 1e6 : 0) + l * (1 + spread * next()))
}

const attempt = (instance: Instance, options: PlanOptions, keys: Float64Array): Packing => {
  const packing = new Packing(instance, options.migrationBudget ?? Infinity)
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0) packing.startRound()
    const order = packing.candidates().sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b)
    let progress = false
    for (const c of order) if (packing.drain(c)) progress = true
    if (!progress) break
  }
  return packing
}

/**
 * The search, one attempt per `step()`: the first attempt runs at once, so a
 * plan exists however early the caller stops. `step()` answers false when
 * every attempt has run.
 */
export const startSearch = (instance: Instance, options: PlanOptions): Search => {
  const light = lightness(instance, options)
  const counts = new Int32Array(instance.nodeIds.length)
  instance.replicaNode.forEach((n) => (counts[n] = (counts[n] ?? 0) + 1))
  const attempts = attemptsFor(instance)
  let best = attempt(instance, options, light)
  let done = 1
  return {
    best: () => best,
    attempts: () => done,
    finished: () => done >= attempts,
    step: () => {
      if (done >= attempts) return false
      const candidate = attempt(instance, options, orderKeys(light, counts, options.seed, done))
      if (better(candidate, best, options)) best = candidate
      done++
      return done < attempts
    }
  }
}

/** Runs every attempt: the pure, deterministic search. */
export const searchAll = (instance: Instance, options: PlanOptions): Packing => {
  const search = startSearch(instance, options)
  while (search.step());
  return search.best()
}
