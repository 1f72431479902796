/**
 * The search over which nodes to release. One attempt walks the release
 * candidates in an order and drains each one that can be emptied
 * (`Packing.drain`), in rounds until a round releases nothing. The planner
 * runs several attempts with different orders (the lightest nodes first, the
 * fewest replicas first, the smallest first, seeded random orders) and three
 * ways of choosing destinations, and keeps the best:
 * most released nodes (or cost), then the least migration cost, then the
 * fewest levels. The same instance and seed give the same result.
 */
import type { PlanOptions } from "../Snapshot.js"
import { type Instance, loadOf } from "./instance.js"
import { type DestinationMode, type Failure, highestLevel, Packing } from "./packing.js"
import { seededRandom } from "../../internal/random.js"
import type { Outcome } from "./assemble.js"
import { sequence } from "./sequence.js"

export interface Search {
  /** The best packing found so far. */
  readonly best: () => Packing
  readonly finished: () => boolean
  /** Runs one more attempt; false when none is left. */
  readonly step: () => boolean
}

const MAX_ROUNDS = 3

/** How many attempts to make: 18 up to about 150 replicas and nodes, fewer as the instance grows, two from about 1,500, one above 10,000. */
export const attemptsFor = (instance: Instance): number => {
  const size = instance.replicaIds.length + instance.nodeIds.length
  return Math.max(size > 10_000 ? 1 : 2, Math.min(18, Math.floor(3000 / (size + 1))))
}

const released = (p: Packing, options: PlanOptions): number => {
  let value = 0
  p.released.forEach((r, n) => (value += r === 1 ? (options.objective === "cost" ? p.instance.cost[n] ?? 0 : 1) : 0))
  return value
}

const better = (a: Packing, b: Packing, options: PlanOptions): boolean => {
  const va = released(a, options)
  const vb = released(b, options)
  if (va !== vb) return va > vb
  if (a.spent !== b.spent) return a.spent < b.spent
  return highestLevel(a.level) < highestLevel(b.level)
}

/**
 * A vector of every node (load or capacity), summed over resources relative to
 * the largest node; for the cost objective, per unit of cost (a free node last).
 */
const perNode = (instance: Instance, options: PlanOptions, vector: Float64Array): Float64Array => {
  const R = instance.resources.length
  return Float64Array.from(instance.nodeIds, (_, n) => {
    let share = 0
    for (let k = 0; k < R; k++) share += (vector[n * R + k] ?? 0) / (instance.scale[k] ?? 1)
    if (options.objective !== "cost") return share
    const cost = instance.cost[n] ?? 0
    return cost > 0 ? share / cost : Infinity
  })
}

const MODES: ReadonlyArray<DestinationMode> = ["best-fit", "anchored", "late"]

/** Sort keys that do not change between attempts. */
interface Keys {
  /** Load (or, for the cost objective, load per unit of cost): the lightest nodes go first. */
  readonly light: Float64Array
  readonly counts: Int32Array
  /** Capacity (or, for the cost objective, capacity per unit of cost): the smallest nodes go first. */
  readonly room: Float64Array
}

const keysOf = (instance: Instance, options: PlanOptions): Keys => {
  const counts = new Int32Array(instance.nodeIds.length)
  instance.replicaNode.forEach((n) => (counts[n] = (counts[n] ?? 0) + 1))
  return {
    light: perNode(instance, options, loadOf(instance, instance.replicaNode)),
    counts,
    room: perNode(instance, options, instance.capacity)
  }
}

/**
 * The candidate order of attempt i, by `i / 3`: lightest first, fewest
 * replicas first, smallest first, then seeded random orders and perturbations
 * of the first two. Each order runs with the three destination modes (`i % 3`).
 */
const orderKeys = (keys: Keys, seed: number, attempt: number): Float64Array => {
  const { light, counts, room } = keys
  if (attempt === 0) return light
  if (attempt === 1) return Float64Array.from(light, (l, n) => (counts[n] ?? 0) * 1e6 + l)
  if (attempt === 2) return Float64Array.from(room, (c, n) => c * 1e6 + (light[n] ?? 0))
  const next = seededRandom(seed * 7919 + attempt)
  if (attempt % 3 === 0) return Float64Array.from(light, () => next())
  const spread = 0.15 + 0.5 * next()
  const byCount = attempt % 3 === 1
  return Float64Array.from(light, (l, n) => (byCount ? (counts[n] ?? 0) * 1e6 : 0) + l * (1 + spread * next()))
}

const attempt = (instance: Instance, options: PlanOptions, keys: Float64Array, mode: DestinationMode): Packing => {
  const N = instance.nodeIds.length
  const order = Array.from({ length: N }, (_, n) => n).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b)
  const rank = new Float64Array(N)
  order.forEach((n, i) => (rank[n] = i))
  const packing = new Packing(instance, options.migrationBudget ?? Infinity, mode, rank)
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (round > 0) packing.startRound()
    const candidates = packing.candidates().sort((a, b) => (rank[a] ?? 0) - (rank[b] ?? 0))
    let progress = false
    for (const c of candidates) if (packing.drain(c)) progress = true
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
  const keys = keysOf(instance, options)
  const attempts = attemptsFor(instance)
  let best = attempt(instance, options, keys.light, "best-fit")
  let done = 1
  return {
    best: () => best,
    finished: () => done >= attempts,
    step: () => {
      if (done >= attempts) return false
      const candidate = attempt(instance, options, orderKeys(keys, options.seed, Math.floor(done / 3)), MODES[done % 3] ?? "best-fit")
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

/** How many times a plan is merged with the plan of its own result, at most. */
const MAX_MERGES = 8

const migrationCostOf = (instance: Instance, from: Int32Array, to: Int32Array): number => {
  let cost = 0
  from.forEach((n, r) => (cost += n === to[r] ? 0 : instance.migrationCost[instance.replicaDeployment[r] ?? 0] ?? 0))
  return cost
}

/**
 * The search (or a given result of it), then the same search on its own result, merged in, until the
 * result plans to nothing: so that planning the final placement again (with
 * the budget that remains) releases nothing. A merged move goes straight to
 * its last destination; the merged moves are ordered again as soon as
 * possible. A merge that cannot be ordered, or that would overrun the
 * budget, is not taken.
 */
export const searchToFixpoint = (
  instance: Instance,
  options: PlanOptions,
  first: Packing = searchAll(instance, options)
): Outcome => {
  let target: Int32Array = first.target
  let level: Int32Array = first.level
  let failures: ReadonlyMap<number, Failure> = first.failures
  let spent = first.spent
  for (let merge = 0; merge < MAX_MERGES; merge++) {
    const remaining = options.migrationBudget === undefined ? {} : { migrationBudget: options.migrationBudget - spent }
    const next = searchAll({ ...instance, replicaNode: target }, { ...options, ...remaining })
    failures = next.failures
    if (!next.released.includes(1)) break
    const last = highestLevel(level)
    const priority = Int32Array.from(level, (l, r) => (l > 0 ? l : last + (next.level[r] ?? 0)))
    const merged = sequence(instance, instance.replicaNode, next.target, priority)
    const cost = migrationCostOf(instance, instance.replicaNode, next.target)
    if (merged === undefined || cost > (options.migrationBudget ?? Infinity)) break
    target = next.target
    level = merged
    spent = cost
  }
  const receiving = new Int32Array(instance.nodeIds.length)
  target.forEach((n, r) => (n !== instance.replicaNode[r] ? (receiving[n] = (receiving[n] ?? 0) + 1) : undefined))
  return { target, level, receiving, failures }
}
