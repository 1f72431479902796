/**
 * The search over which nodes to release, as a state machine that advances
 * one small step at a time (one node drain, a chunk of a repack, or the
 * bookkeeping between two), so that a caller with a clock can stop it
 * between any two steps.
 *
 * One attempt walks the release candidates in an order and drains each one
 * that can be emptied (`Packing.drain`), in rounds until a round releases
 * nothing. The search runs several attempts with different orders (the
 * lightest nodes first, the nodes with the largest replicas first, the fewest
 * replicas first, the smallest first, seeded random orders) and three ways of
 * choosing destinations, then repacks from scratch (`Repack`), and keeps the
 * best: most released nodes (or cost), then the least migration cost, then
 * the fewest levels. It stops early once the best keeps no more nodes than a
 * lower bound (`bounds`). Then it searches again from its own result and
 * merges what that releases, until nothing more is released. Orders, the
 * number of attempts and every scale depend only on the nodes that hold
 * replicas: empty nodes change nothing. The same instance and seed give the
 * same result.
 */
import { seededRandom } from "../../internal/random.js"
import { float64Of, int32Of, uint8Of } from "./arrays.js"
import type { PlanOptions } from "../Snapshot.js"
import type { Outcome } from "./assemble.js"
import { lowerBoundSteps, usedNodes } from "./bounds.js"
import { better, type Candidate, highestLevel } from "./candidate.js"
import {
  deploymentOf,
  type Instance,
  migrationCostOf,
  nodeCount,
  replicaCount,
  resourceCount,
  scaleOf,
  sizeOf
} from "./instance.js"
import { type DestinationMode, type Failure, Packing } from "./packing.js"
import { remap } from "./remap.js"
import { Repack, type RepackKind } from "./repack.js"
import { sequenceRepaired } from "./sequence.js"
import { tally } from "./tally.js"

/** Rounds per attempt: a fourth round released nothing more on any benchmark family. */
const MAX_ROUNDS = 3

/** The work (replicas plus nodes in use) that 18 attempts fit in: 3,000 / 18 ≈ 166, small instances searched widely. */
const ATTEMPT_WORK = 3000
/** Six candidate orders times the three destination modes. */
const MAX_ATTEMPTS = 18
/** Above this size one attempt (the `anchored` mode, which released the most on the speed family at 1,000 nodes): the others added nothing there and cost as much again. */
const ONE_ATTEMPT_ABOVE = 5000

/** Replicas plus the nodes that hold them: the size that sets the search's breadth. */
const sizeOfSearch = (instance: Instance): number =>
  replicaCount(instance) + usedNodes(instance, instance.replicaNode).reduce((a, b) => a + b, 0)

/** How many drain attempts to make: 18 up to about 150 replicas and nodes in use, fewer as the instance grows, two from about 1,500, one above 5,000. */
export const attemptsFor = (instance: Instance): number => {
  const size = sizeOfSearch(instance)
  return Math.max(size > ONE_ATTEMPT_ABOVE ? 1 : 2, Math.min(MAX_ATTEMPTS, Math.floor(ATTEMPT_WORK / (size + 1))))
}

/** Up to this many replicas every repack runs (the first-fit-decreasing trap at m = 100 has 3,600); above it first fit decreasing by sum alone (the fills cost O(n²)). */
const EVERY_REPACK_UP_TO = 4000
/**
 * Above this many replicas no repack runs: moving nearly every replica of a
 * large cluster at once deadlocks its ordering (planted, 10,000 nodes), and
 * the ordering of 50,000 moves is too long a step.
 */
const NO_REPACK_ABOVE = 12_000

/** The repacks to try after the drain attempts. */
export const repacksFor = (instance: Instance): ReadonlyArray<RepackKind> => {
  const replicas = replicaCount(instance)
  return replicas <= EVERY_REPACK_UP_TO ? ["ffd-sum", "ffd-max", "fill"] : replicas <= NO_REPACK_ABOVE ? ["ffd-sum"] : []
}

/**
 * A vector of every node (load or capacity), summed over resources relative to
 * the largest node in use; for the cost objective, per unit of cost (a free node last).
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

const MODES: ReadonlyArray<DestinationMode> = ["anchored", "best-fit", "late"]

/** Drain attempt i walks candidate order ⌊i / 3⌋: each order runs with the three destination modes. */
export const orderOf = (i: number): number => Math.floor(i / MODES.length)
/** Drain attempt i chooses destinations by mode i % 3. */
export const modeOf = (i: number): DestinationMode => MODES[i % MODES.length] as DestinationMode

/** Sort keys that do not change between attempts. */
export interface Keys {
  /** Load (or, for the cost objective, load per unit of cost): the lightest nodes go first. */
  readonly light: Float64Array
  /** The size of each node's largest replica. */
  readonly largest: Float64Array
  readonly counts: Int32Array
  /** Capacity (or, for the cost objective, capacity per unit of cost): the smallest nodes go first. */
  readonly room: Float64Array
  /** The nodes that hold replicas, in index order: seeded orders draw for these alone. */
  readonly inUse: ReadonlyArray<number>
}

export const keysOf = (instance: Instance, options: PlanOptions): Keys => {
  const { load, replicasOn } = tally(instance, instance.replicaNode, "none")
  const largest = new Float64Array(nodeCount(instance))
  instance.replicaNode.forEach((n, r) => (largest[n] = Math.max(largest[n] ?? 0, sizeOf(instance, deploymentOf(instance, r)))))
  const inUse: Array<number> = []
  replicasOn.forEach((c, n) => (c > 0 ? inUse.push(n) : undefined))
  return { light: perNode(instance, options, load), largest, counts: replicasOn, room: perNode(instance, options, instance.capacity), inUse }
}

/** Weight of the primary key in a two-key order: larger than any normalised load or capacity sum. */
const PRIMARY = 1e6
/** Seeded perturbations scale the load by 1 + a factor drawn in [0.15, 0.65): enough to reorder near ties, not the extremes. */
const SPREAD_MIN = 0.15
const SPREAD_RANGE = 0.5
/** Mixes the seed and the attempt number into one seed (a prime multiplier keeps attempts of nearby seeds apart). */
const SEED_MIX = 7919
/** Fixed orders before the seeded ones: lightest, largest replica, fewest replicas, smallest node. */
const FIXED_ORDERS = 4

/** A key per node in use (drawn in index order), 0 for the others. */
const drawn = (keys: Keys, draw: (n: number) => number): Float64Array => {
  const result = new Float64Array(keys.light.length)
  for (const n of keys.inUse) result[n] = draw(n)
  return result
}

/**
 * The candidate order of attempt i, by `i / 3`: lightest first, the largest
 * replicas first (then the heaviest), fewest replicas first, smallest first,
 * then seeded random orders and perturbations of the lightest first. Each
 * order runs with the three destination modes (`i % 3`).
 */
export const orderKeys = (keys: Keys, seed: number, attempt: number): Float64Array => {
  const { light, largest, counts, room } = keys
  if (attempt === 0) return light
  if (attempt === 1) return drawn(keys, (n) => -(largest[n] ?? 0) * PRIMARY - (light[n] ?? 0))
  if (attempt === 2) return drawn(keys, (n) => (counts[n] ?? 0) * PRIMARY + (light[n] ?? 0))
  if (attempt === 3) return drawn(keys, (n) => (room[n] ?? 0) * PRIMARY + (light[n] ?? 0))
  const next = seededRandom(seed * SEED_MIX + attempt)
  if ((attempt - FIXED_ORDERS) % 2 === 0) return drawn(keys, () => next())
  const spread = SPREAD_MIN + SPREAD_RANGE * next()
  return drawn(keys, (n) => (light[n] ?? 0) * (1 + spread * next()))
}

/** Each node's place in an attempt's order: by key, then by index (the sort is stable; two infinite keys compare as equal, their difference NaN counting as 0). */
export const ranksOf = (keys: Float64Array): Float64Array => {
  const rank = new Float64Array(keys.length)
  Array.from({ length: keys.length }, (_, n) => n)
    .sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0))
    .forEach((n, i) => (rank[n] = i))
  return rank
}

/** One way of finding a candidate, advanced a step at a time. */
interface Runner {
  readonly done: boolean
  step(): void
  /** The finished candidate (undefined when it found none). */
  result(): Candidate | undefined
  /** A valid candidate while it runs, if it has one. */
  partial(): Candidate | undefined
}

/** One drain attempt: the candidates of each round drained one per step. */
class Attempt implements Runner {
  readonly packing: Packing
  private readonly rank: Float64Array
  private round = 0
  private candidates: Array<number>
  private next = 0
  private progress = false
  done = false

  constructor(instance: Instance, options: PlanOptions, keys: Float64Array, mode: DestinationMode) {
    this.rank = ranksOf(keys)
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

  result(): Candidate {
    return this.packing
  }

  partial(): Candidate {
    return this.packing
  }
}

/** A repack from scratch: a candidate only once it is finished. */
class RepackRunner implements Runner {
  constructor(private readonly repack: Repack) {}
  get done(): boolean {
    return this.repack.done
  }
  step(): void {
    this.repack.step()
  }
  result(): Candidate | undefined {
    return this.repack.result
  }
  partial(): undefined {
    return undefined
  }
}

/**
 * Every attempt on one instance, one step at a time; keeps the best finished
 * one. The first steps compute the lower bound; the search ends as soon as
 * the best candidate keeps no more nodes than it (for the nodes objective),
 * after one drain attempt at least, whose failures explain the kept nodes.
 */
export class Attempts {
  private readonly makers: Array<() => Runner>
  /** How many of the makers, at the end, are repacks. */
  private readonly repacks: number
  private started = 0
  private current: Runner | undefined
  private bound: number | undefined
  /** The lower bound's computation, a resource per step. */
  private readonly boundSteps: Generator<void, number>
  private reached = false
  best: Candidate | undefined
  /** Every finished candidate, in the order found. */
  readonly finished: Array<Candidate> = []

  constructor(readonly instance: Instance, readonly options: PlanOptions) {
    const keys = keysOf(instance, options)
    const drains = Array.from({ length: attemptsFor(instance) }, (_, i) => () =>
      new Attempt(instance, options, orderKeys(keys, options.seed, orderOf(i)), modeOf(i)))
    const repacks = repacksFor(instance).map((kind) => () => new RepackRunner(new Repack(instance, options, kind)))
    this.boundSteps = lowerBoundSteps(instance, instance.replicaNode)
    this.makers = [...drains, ...repacks]
    this.repacks = repacks.length
  }

  get done(): boolean {
    return this.reached || (this.current === undefined && this.started >= this.makers.length)
  }

  /** Starts the next attempt, or advances the current one and keeps its result if it finishes best. */
  step(): void {
    if (this.bound === undefined) {
      const step = this.boundSteps.next()
      if (step.done === true) this.bound = step.value
      return
    }
    if (this.current === undefined) {
      this.current = (this.makers[this.started++] as () => Runner)()
      return
    }
    this.current.step()
    if (!this.current.done) return
    const candidate = this.current.result()
    this.current = undefined
    if (candidate === undefined) return
    this.finished.push(candidate)
    const best = this.best === undefined || better(this.instance, candidate, this.best, this.options) ? candidate : this.best
    this.best = best
    if (this.options.objective === "nodes" && this.keeps(best) <= this.bound) this.boundReached()
  }

  /**
   * Nothing can release more: a small search still runs its remaining drain
   * attempts, which may spend less migration cost; a large one, or a search
   * left with repacks alone, ends.
   */
  private boundReached(): void {
    const drains = this.makers.length - this.repacks
    if (this.started < drains && sizeOfSearch(this.instance) <= ATTEMPT_WORK) this.makers.length = drains
    else this.reached = true
  }

  /** How many nodes hold replicas after a candidate. */
  private keeps(candidate: Candidate): number {
    const used = usedNodes(this.instance, this.instance.replicaNode).reduce((a, b) => a + b, 0)
    return used - candidate.released.reduce((a, b) => a + b, 0)
  }

  /** The best finished attempt, or else the attempt under way: each completed drain is a valid partial plan. */
  bestSoFar(): Candidate | undefined {
    return this.best ?? this.current?.partial()
  }
}

/**
 * The instance with every resource's scale taken over the nodes that hold
 * replicas (at least 1), so that sizes and scores do not depend on empty nodes.
 */
const scaledToNodesInUse = (instance: Instance): Instance => {
  const R = resourceCount(instance)
  const scale = new Float64Array(R).fill(1)
  const used = usedNodes(instance, instance.replicaNode)
  used.forEach((u, n) => {
    if (u === 1) for (let k = 0; k < R; k++) scale[k] = Math.max(scale[k] ?? 1, instance.capacity[n * R + k] ?? 0)
  })
  return { ...instance, scale }
}

/** Whether placement b uses fewer nodes than placement a. */
export const releasesMore = (instance: Instance, a: Int32Array, b: Int32Array): boolean =>
  usedNodes(instance, b).reduce((x, y) => x + y, 0) < usedNodes(instance, a).reduce((x, y) => x + y, 0)

/** How many times a plan is merged with the plan of its own result, at most: later merges released nothing on any benchmark family. */
const MAX_MERGES = 8

/** The migration cost of moving every replica from one placement to another. */
export const placementChangeCost = (instance: Instance, from: Int32Array, to: Int32Array): number => {
  let cost = 0
  from.forEach((n, r) => (cost += n === to[r] ? 0 : migrationCostOf(instance, deploymentOf(instance, r))))
  return cost
}

/** The order in which a merge is sequenced: a replica the plan moves keeps its level; the others take the later search's levels after the plan's last. */
export const mergePriority = (level: Int32Array, later: Int32Array, last: number): Int32Array =>
  int32Of(level.length, (r) => ((level[r] ?? 0) > 0 ? level[r] ?? 0 : last + (later[r] ?? 0)))

/** The levels of a plan followed by a later search's moves: those take the later levels after the plan's last, the other replicas keep theirs. */
export const levelsAfter = (level: Int32Array, later: Int32Array, last: number): Int32Array =>
  int32Of(level.length, (r) => ((later[r] ?? 0) > 0 ? last + (later[r] ?? 0) : level[r] ?? 0))

/** Which replicas a pinned search may move: the movable ones that have not moved yet (level 0). */
export const unmovedMovable = (level: Int32Array, movable: Uint8Array): Uint8Array =>
  uint8Of(level.length, (r) => ((level[r] ?? 0) > 0 ? 0 : movable[r] ?? 0))

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
 * again as soon as possible; moves that block each other are cancelled
 * where the replica fits at home (`sequenceRepaired`). A merge that still
 * cannot be ordered, or that would overrun the budget, is not taken: the
 * search of the result runs again with the moved replicas pinned, and if that
 * releases nothing either, the plan starts over from the first search's next
 * best candidate (planning its result again would release more).
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
  /** Whether the search under way keeps the replicas that moved where they are. */
  private pinned = false
  private target: Int32Array
  private level: Int32Array
  private failures: ReadonlyMap<number, Failure> = new Map()
  private spent = 0
  /** The first search's other candidates, best first: where to start over when a plan gets stuck. */
  private alternatives: Array<Candidate> = []
  /** The first plan that got stuck. */
  private fallback: Pick<Candidate, "target" | "level" | "failures" | "spent"> | undefined
  done = false

  readonly instance: Instance

  constructor(instance: Instance, readonly options: PlanOptions) {
    this.instance = scaledToNodesInUse(instance)
    this.attempts = new Attempts(this.instance, options)
    this.target = instance.replicaNode
    this.level = new Int32Array(replicaCount(instance))
  }

  /** One step: a drain, a repack's chunk, a round's or an attempt's bookkeeping, or one merge. */
  step(): void {
    if (this.done) return
    this.attempts.step()
    if (!this.attempts.done) return
    const result = this.attempts.best
    if (result === undefined) return this.finish()
    if (!this.merging) {
      const { instance, options } = this
      this.alternatives = this.attempts.finished
        .filter((c) => c !== result && c.released.includes(1))
        .sort((a, b) => (better(instance, a, b, options) ? -1 : better(instance, b, a, options) ? 1 : 0))
      this.merging = true
      return this.restartFrom(result)
    }
    this.failures = result.failures
    if (!result.released.includes(1)) return this.pinned ? this.stuck() : this.finish()
    const { instance, options } = this
    const last = highestLevel(this.level)
    if (this.pinned) {
      // The replicas that moved were pinned: the search's moves run after the plan's, level for level.
      this.level = levelsAfter(this.level, result.level, last)
      return this.merged(result.target, placementChangeCost(instance, instance.replicaNode, result.target))
    }
    const priority = mergePriority(this.level, result.level, last)
    // The result as found, else its contents moved back onto the nodes that held them at the start.
    for (const target of [result.target, remap(instance, instance.replicaNode, result.target)]) {
      const merged = sequenceRepaired(instance, instance.replicaNode, target, priority)
      if (merged === undefined || !releasesMore(instance, this.target, merged.target)) continue
      const cost = placementChangeCost(instance, instance.replicaNode, merged.target)
      if (cost > (options.migrationBudget ?? Infinity)) continue
      this.level = merged.level
      return this.merged(merged.target, cost)
    }
    this.searchOwnResult(true)
  }

  /** Takes a merged result and searches its own result again, unless the merges are used up. */
  private merged(target: Int32Array, cost: number): void {
    this.target = target
    this.spent = cost
    if (++this.merges >= MAX_MERGES) return this.finish()
    this.searchOwnResult(false)
  }

  /**
   * Searches the current result again, with the budget that remains. A
   * `pinned` search keeps every replica that already moved where it is: it
   * follows a merge whose moves could not be ordered together.
   */
  private searchOwnResult(pinned: boolean): void {
    const { instance, options } = this
    this.pinned = pinned
    const remaining = options.migrationBudget === undefined ? {} : { migrationBudget: options.migrationBudget - this.spent }
    const replicaMovable = pinned ? unmovedMovable(this.level, instance.replicaMovable) : instance.replicaMovable
    this.attempts = new Attempts({ ...instance, replicaNode: this.target, replicaMovable }, { ...options, ...remaining })
  }

  /** Takes a first-search candidate as the plan so far and searches its own result. */
  private restartFrom(candidate: Candidate): void {
    this.target = candidate.target
    this.level = candidate.level
    this.failures = candidate.failures
    this.spent = candidate.spent
    this.merges = 0
    this.searchOwnResult(false)
  }

  /**
   * Its own result plans to a release that cannot be merged in: planning the
   * result again would release more. The search starts over from the next
   * candidate of the first search; when none is left, it ends with the first
   * plan that got stuck.
   */
  private stuck(): void {
    this.fallback ??= { target: this.target, level: this.level, failures: this.failures, spent: this.spent }
    const next = this.alternatives.shift()
    if (next !== undefined) return this.restartFrom(next)
    this.target = this.fallback.target
    this.level = this.fallback.level
    this.failures = this.fallback.failures
    this.spent = this.fallback.spent
    this.finish()
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
