/**
 * The planner's search, one small step at a time: start a search for a
 * snapshot, improve it step by step, and read the best safe plan found so
 * far whenever you like. `Compaction.plan` runs a search to the end;
 * `Runtime.planWithin` runs one until a time budget on effect's `Clock` has
 * passed. A step is small (a chunk of the planner's view of the snapshot,
 * one node drain, or the bookkeeping between two drains), so a caller that
 * stops between steps stops on time, and every drain that completes leaves
 * a valid partial plan.
 *
 * A search value is single-use: `step` returns the next search and the
 * value it was given may not be used again (the search advances in place,
 * so that a step costs no copy of the whole placement); using it again
 * throws `StaleSearch`.
 *
 * @since 0.1.0
 */
import { Data } from "effect"
import { resolveOptions } from "./internal/options.js"
import { StagedSearch } from "./internal/staged.js"
import type { Plan } from "./Plan.js"
import type { PlanOptions, Snapshot } from "./Snapshot.js"

/**
 * A search value used again after `step` had already moved on from it.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({ nodes: [{ id: "n1", capacity: { CPU: 1 } }], deployments: [], replicas: [] })
 * const first = Compaction.Search.start(snapshot)
 * Compaction.Search.step(first)
 * try {
 *   Compaction.Search.step(first)
 * } catch (e) {
 *   e instanceof Compaction.Search.StaleSearch // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class StaleSearch extends Data.TaggedError("StaleSearch")<{
  /** The function that was given the stale value. */
  readonly operation: string
}> {
  override get message(): string {
    return `replicore/compaction.Search.${this.operation}: this search value was already stepped (or not made by start); use the value step returned`
  }
}

/**
 * The brand of a search value.
 *
 * @category symbols
 * @since 0.1.0
 */
export const TypeId: unique symbol = Symbol.for("replicore/compaction/Search")

/**
 * @category symbols
 * @since 0.1.0
 */
export type TypeId = typeof TypeId

/**
 * A search under way: opaque; read it with `isDone` and `best`, advance it
 * with `step`. Single-use (see the module's note).
 *
 * @category models
 * @since 0.1.0
 */
export interface Search {
  readonly [TypeId]: TypeId
}

/** The machine behind each current search value; `step` takes the value it moves on from out. */
const machines = new WeakMap<Search, StagedSearch>()

const make = (machine: StagedSearch): Search => {
  const search: Search = { [TypeId]: TypeId }
  machines.set(search, machine)
  return search
}

const current = (self: Search, operation: string): StagedSearch => {
  const machine = machines.get(self)
  if (machine === undefined) throw new StaleSearch({ operation })
  return machine
}

/**
 * Starts a search for a validated snapshot with decoded options (from
 * `Compaction.planOptions`; by default the snapshot's own options). Cheap:
 * it takes no step (the first steps build the planner's view of the
 * snapshot, a chunk of records each).
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n1" }, { id: "r2", deployment: "d", node: "n2" }]
 * })
 * const search = Compaction.Search.start(snapshot)
 * Compaction.Search.isDone(search) // false
 * Compaction.Search.best(search).steps.length // 0
 *
 * @category constructors
 * @since 0.1.0
 */
export const start = (snapshot: Snapshot, options: PlanOptions = resolveOptions(snapshot, undefined)): Search =>
  make(new StagedSearch(snapshot, options))

/**
 * One step of the search: a chunk of the planner's view of the snapshot, a node drain, or the bookkeeping between two. A
 * finished search is returned as it is.
 *
 * @throws {StaleSearch} when `self` was already stepped.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n1" }, { id: "r2", deployment: "d", node: "n2" }]
 * })
 * let search = Compaction.Search.start(snapshot)
 * while (Compaction.Search.best(search).released.length === 0) search = Compaction.Search.step(search)
 * Compaction.Search.best(search).released.length // 1
 *
 * @category combinators
 * @since 0.1.0
 */
export const step = (self: Search): Search => {
  const machine = current(self, "step")
  if (machine.done) return self
  machines.delete(self)
  machine.step()
  return make(machine)
}

/**
 * Steps the search until it is finished.
 *
 * @throws {StaleSearch} when `self` was already stepped.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({ nodes: [{ id: "n1", capacity: { CPU: 1 } }], deployments: [], replicas: [] })
 * Compaction.Search.isDone(Compaction.Search.run(Compaction.Search.start(snapshot))) // true
 *
 * @category combinators
 * @since 0.1.0
 */
export const run = (self: Search): Search => {
  let search = self
  while (!isDone(search)) search = step(search)
  return search
}

/**
 * Whether the search is finished: no step would change its result.
 *
 * @throws {StaleSearch} when `self` was already stepped.
 *
 * @example
 * import { Compaction } from "replicore"
 * const snapshot = Compaction.validateOrThrow({ nodes: [{ id: "n1", capacity: { CPU: 1 } }], deployments: [], replicas: [] })
 * Compaction.Search.isDone(Compaction.Search.start(snapshot)) // false
 *
 * @category getters
 * @since 0.1.0
 */
export const isDone = (self: Search): boolean => current(self, "isDone").done

/**
 * The best safe plan found so far, written out: it passes `verify` at any
 * point of the search. `metrics.complete` says whether the search is
 * finished; a finished search gives exactly `Compaction.plan`'s plan.
 *
 * @throws {StaleSearch} when `self` was already stepped.
 *
 * @example
 * import { Compaction } from "replicore"
 * import { Either } from "effect"
 * const snapshot = Compaction.validateOrThrow({
 *   nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
 *   deployments: [{ id: "d", demand: { CPU: 1 } }],
 *   replicas: [{ id: "r1", deployment: "d", node: "n1" }, { id: "r2", deployment: "d", node: "n2" }]
 * })
 * const partial = Compaction.Search.step(Compaction.Search.step(Compaction.Search.start(snapshot)))
 * const plan = Compaction.Search.best(partial)
 * plan.metrics.complete // false
 * Either.isRight(Compaction.verify(snapshot, plan)) // true
 *
 * @category getters
 * @since 0.1.0
 */
export const best = (self: Search): Plan => {
  return current(self, "best").plan()
}
