/**
 * The search over which nodes to release, as a state machine that advances
 * one small step at a time (one node drain, or the bookkeeping between two
 * drains), so that a caller with a clock can stop it between any two steps.
 *
 * One attempt walks the release candidates in an order and drains each one
 * that can be emptied (`Packing.drain`), in rounds until a round releases
 * nothing. The search runs several attempts with different orders (the
 * lightest nodes first, the fewest replicas first, the smallest first, seeded
 * random orders) and three ways of choosing destinations, and keeps the best:
 * most released nodes (or cost), then the least migration cost, then the
 * fewest levels. Then it searches again from its own result and merges what
 * that releases, until nothing more is released. The same instance and seed
 * give the same result.
 */
import { seededRandom } from "../../internal/random.js"
import { float64Of, int32Of } from "./arrays.js"
import type { PlanOptions } from "../Snapshot.js"
import type { Outcome } from "./assemble.js"
import { deploymentOf, type Instance, migrationCostOf, nodeCount, replicaCount, resourceCount, scaleOf } from "./instance.js"
import { type DestinationMode, type Failure, highestLevel, Packing } from "./packing.js"
import { sequence } from "./sequence.js"
import { tally } from "./tally.js"

/** Rounds per attempt: a fourth round released nothing more on any benchmark family. */
const MAX_ROUNDS = 3

/** The work (replicas plus nodes) that 18 attempts fit in: 3,000 / 18 ≈ 166, small instances searched widely. */
const ATTEMPT_WORK = 3000
/** Six candidate orders times the three destination modes. */
const MAX_ATTEMPTS = 18
/** Above this size one attempt is all the planner's 1 s goal at 10,000 nodes affords. */
const ONE_ATTEMPT_ABOVE = 10_000

/** How many attempts to make: 18 up to about 150 replicas and nodes, fewer as the instance grows, two from about 1,500, one above 10,000. */
export const attemptsFor = (instance: Instance): number => {
  const size = replicaCount(instance) + nodeCount(instance)
  return Math.max(size > ONE_ATTEMPT_ABOVE ? 1 : 2, Math.min(MAX_ATTEMPTS, Math.floor(ATTEMPT_WORK / (size + 1))))
}

const releasedValue = (p: Packing, options: PlanOptions): number => {
  let value = 0
  p.released.forEach((r, n) => (value += r === 1 ? (options.objective === "cost" ? p.instance.cost[n] ?? 0 : 1) : 0))
  return value
}

/** Whether packing a is better than b: more released (nodes or cost), then less migration cost, then fewer levels. */
const better = (a: Packing, b: Packing, options: PlanOptions): boolean => {
  const va = releasedValue(a, options)
  const vb = releasedValue(b, options)
  if (va !== vb) return va > vb
  if (a.spent !== b.spent) return a.spent < b.spent
  return highestLevel(a.level) < highestLevel(b.level)
}

/**
 * A vector of every node (load or capacity), summed over resources relative to
 * the largest node; for the cost objective, per unit of cost (a free node last).
 */
const perNode = (instance: Instance, options: PlanOptions, vector: Float64Array): Float64Array => {
  const R = resourceCount(instance)
  return float64Of(nodeCount(instance), (n) => {
    let share = 0
    for (let k = 0; k < R; k++) share += (vector[n * R + k] ?? 0) / scaleOf(instance, k)
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
  const { load, replicasOn } = tally(instance, instance.replicaNode, "none")
  return { light: perNode(instance, options, load), counts: replicasOn, room: perNode(instance, options, instance.capacity) }
}

/** Weight of the primary key in a two-key order: larger than any normalised load or capacity sum. */
const PRIMARY = 1e6
/** Seeded perturbations scale the load by 1 + a factor drawn in [0.15, 0.65): enough to reorder near ties, not the extremes. */
const SPREAD_MIN = 0.15
const SPREAD_RANGE = 0.5
/** Mixes the seed and the attempt number into one seed (a prime multiplier keeps attempts of nearby seeds apart). */
const SEED_MIX = 7919

/**
 * The candidate order of attempt i, by `i / 3`: lightest first, fewest
 * replicas first, smallest first, then seeded random orders and perturbations
 * of the first two. Each order runs with the three destination modes (`i % 3`).
 */
const orderKeys = (keys: Keys, seed: number, attempt: number): Float64Array => {
  const { light, counts, room } = keys
  if (attempt === 0) return light
  if (attempt === 1) return float64Of(light.length, (n) => (counts[n] ?? 0) * PRIMARY + (light[n] ?? 0))
  if (attempt === 2) return float64Of(room.length, (n) => (room[n] ?? 0) * PRIMARY + (light[n] ?? 0))
  const next = seededRandom(seed * SEED_MIX + attempt)
  if (attempt % 3 === 0) return float64Of(light.length, () => next())
  const spread = SPREAD_MIN + SPREAD_RANGE * next()
  const byCount = attempt % 3 === 1
  return float64Of(light.length, (n) => (byCount ? (counts[n] ?? 0) * PRIMARY : 0) + (light[n] ?? 0) * (1 + spread * next()))
}

/** One attempt: the candidates of each round drained one per step. */
class Attempt {
  readonly packing: Packing
  private readonly rank: Float64Array
  private round = 0
  private candidates: Array<number>
  private next = 0
  private progress = false
  done = false

  constructor(instance: Instance, options: PlanOptions, keys: Float64Array, mode: DestinationMode) {
    const N = nodeCount(instance)
    const order = Array.from({ length: N }, (_, n) => n).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b)
    this.rank = new Float64Array(N)
    order.forEach((n, i) => (this.rank[n] = i))
    this.packing = new Packing(instance, options.migrationBudget ?? Infinity, mode, this.rank)
    this.candidates = this.roundCandidates()
  }

  private roundCandidates(): Array<number> {
    return this.packing.candidates().sort((a, b) => (this.rank[a] ?? 0) - (this.rank[b] ?? 0))
  }

  /** Drains the next candidate, or ends the round when none is left. */
  step(): void {
    const c = this.candidates[this.next]
    if (c !== undefined) {
      if (this.packing.drain(c)) this.progress = true
      this.next++
      return
    }
    if (!this.progress || this.round + 1 >= MAX_ROUNDS) {
      this.done = true
      return
    }
    this.round++
    this.packing.startRound()
    this.candidates = this.roundCandidates()
    this.next = 0
    this.progress = false
  }
}

/** Every attempt on one instance, one step at a time; keeps the best finished one. */
class Attempts {
  private readonly keys: Keys
  private readonly count: number
  private started = 0
  private current: Attempt | undefined
  best: Packing | undefined

  constructor(readonly instance: Instance, readonly options: PlanOptions) {
    this.keys = keysOf(instance, options)
    this.count = attemptsFor(instance)
  }

  get done(): boolean {
    return this.current === undefined && this.started >= this.count
  }

  /** Starts the next attempt, or advances the current one and keeps it if it finishes best. */
  step(): void {
    if (this.current === undefined) {
      const i = this.started++
      this.current = new Attempt(this.instance, this.options, orderKeys(this.keys, this.options.seed, Math.floor(i / 3)), MODES[i % 3] ?? "best-fit")
      return
    }
    this.current.step()
    if (!this.current.done) return
    const candidate = this.current.packing
    if (this.best === undefined || better(candidate, this.best, this.options)) this.best = candidate
    this.current = undefined
  }

  /** The best finished attempt, or else the attempt under way: each completed drain is a valid partial plan. */
  bestSoFar(): Packing | undefined {
    return this.best ?? this.current?.packing
  }
}

/** How many times a plan is merged with the plan of its own result, at most: later merges released nothing on any benchmark family. */
const MAX_MERGES = 8

/** The migration cost of moving every replica from one placement to another. */
const placementChangeCost = (instance: Instance, from: Int32Array, to: Int32Array): number => {
  let cost = 0
  from.forEach((n, r) => (cost += n === to[r] ? 0 : migrationCostOf(instance, deploymentOf(instance, r))))
  return cost
}

const receivingOf = (instance: Instance, target: Int32Array): Int32Array => {
  const receiving = new Int32Array(nodeCount(instance))
  target.forEach((n, r) => (n !== instance.replicaNode[r] ? (receiving[n] = (receiving[n] ?? 0) + 1) : undefined))
  return receiving
}

/**
 * The whole search: every attempt, then the same search on its own result,
 * merged in, until the result plans to nothing, so that planning the final
 * placement again (with the budget that remains) releases nothing. A merged
 * move goes straight to its last destination; the merged moves are ordered
 * again as soon as possible. A merge that cannot be ordered, or that would
 * overrun the budget, is not taken.
 *
 * Mutable: `step()` advances it in place. Between two steps `outcome()` is a
 * valid plan (the best finished attempt, else the attempt under way, else the
 * merged result so far).
 */
export class SearchMachine {
  private attempts: Attempts
  /** Whether the first search is over and its result is being merged with searches of its own result. */
  private merging = false
  private merges = 0
  private target: Int32Array
  private level: Int32Array
  private failures: ReadonlyMap<number, Failure> = new Map()
  private spent = 0
  done = false

  constructor(readonly instance: Instance, readonly options: PlanOptions) {
    this.attempts = new Attempts(instance, options)
    this.target = instance.replicaNode
    this.level = new Int32Array(replicaCount(instance))
  }

  /** One step: a drain, a round's or an attempt's bookkeeping, or one merge. */
  step(): void {
    if (this.done) return
    this.attempts.step()
    if (!this.attempts.done) return
    const result = this.attempts.best as Packing
    if (!this.merging) {
      this.target = result.target
      this.level = result.level
      this.failures = result.failures
      this.spent = result.spent
      this.merging = true
      this.searchOwnResult()
      return
    }
    this.failures = result.failures
    if (!result.released.includes(1)) return this.finish()
    const { instance, options } = this
    const last = highestLevel(this.level)
    const priority = int32Of(this.level.length, (r) => ((this.level[r] ?? 0) > 0 ? this.level[r] ?? 0 : last + (result.level[r] ?? 0)))
    const merged = sequence(instance, instance.replicaNode, result.target, priority)
    const cost = placementChangeCost(instance, instance.replicaNode, result.target)
    if (merged === undefined || cost > (options.migrationBudget ?? Infinity)) return this.finish()
    this.target = result.target
    this.level = merged
    this.spent = cost
    if (++this.merges >= MAX_MERGES) return this.finish()
    this.searchOwnResult()
  }

  private searchOwnResult(): void {
    const { instance, options } = this
    const remaining = options.migrationBudget === undefined ? {} : { migrationBudget: options.migrationBudget - this.spent }
    this.attempts = new Attempts({ ...instance, replicaNode: this.target }, { ...options, ...remaining })
  }

  private finish(): void {
    this.done = true
  }

  /** The best safe result so far. */
  outcome(): Outcome {
    if (!this.merging) {
      const packing = this.attempts.bestSoFar()
      if (packing !== undefined) return packing
    }
    return { target: this.target, level: this.level, receiving: receivingOf(this.instance, this.target), failures: this.failures }
  }
}
