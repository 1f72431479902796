/**
 * An immutable collection of replicas grouped by lifecycle state: Ray Serve's
 * `ReplicaStateContainer` as a persistent value.
 *
 * Each state keeps its replicas in insertion order in a persistent AVL tree
 * keyed by a sequence number; a persistent hash trie finds any id's state and
 * position. Every operation returns a new container that shares all untouched
 * structure with its input, and never copies or rebuilds a replica.
 *
 * @since 0.1.0
 */
import { Predicate } from "effect"
import * as OrderedMap from "../internal/orderedMap.js"
import * as StringMap from "../internal/stringMap.js"
import {
  ConflictingVersionFilters,
  type ContainerOperation,
  DuplicateReplica,
  InvalidMaxReplicas,
  InvalidReplica,
  InvalidReplicaState,
  InvalidVersionFilter,
  UnknownReplica
} from "./errors.js"
import { ALL_REPLICA_STATES, type ReplicaState } from "./ReplicaState.js"

/**
 * What the container needs to know of a replica: a unique `id` and a `version`.
 * Any record with both fields can be stored; its type is kept.
 *
 * @category models
 * @since 0.1.0
 */
export interface Replica {
  readonly id: string
  readonly version: string
}

declare const ReplicaTypeId: unique symbol

/**
 * An immutable container of replicas of type `R`. Iterating it yields every
 * replica in `ALL_REPLICA_STATES` order, each state in insertion order.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplicaContainer<out R extends Replica> extends Iterable<R> {
  readonly [ReplicaTypeId]: () => R
}

/**
 * A location in the index: `seq * STATE_SLOTS + stateIndex`, one number per id
 * so that the index holds no objects.
 */
const STATE_SLOTS = 8

class Container<R extends Replica> {
  constructor(
    readonly buckets: ReadonlyArray<OrderedMap.OrderedMap<R>>,
    readonly index: StringMap.StringMap,
    readonly nextSeq: number
  ) {}

  [Symbol.iterator](): Iterator<R> {
    const out: Array<R> = []
    for (const tree of this.buckets) OrderedMap.appendValues(tree, out)
    return out[Symbol.iterator]()
  }
}

const wrap = <R extends Replica>(c: Container<R>): ReplicaContainer<R> => c as unknown as ReplicaContainer<R>
const unwrap = <R extends Replica>(c: ReplicaContainer<R>): Container<R> => c as unknown as Container<R>

const EMPTY_BUCKETS: ReadonlyArray<OrderedMap.OrderedMap<never>> = Object.freeze(ALL_REPLICA_STATES.map(() => undefined))
const EMPTY = new Container<never>(EMPTY_BUCKETS, undefined, 0)

const stateOfLocation = (location: number): number => location % STATE_SLOTS
const stateName = (location: number): ReplicaState => ALL_REPLICA_STATES[stateOfLocation(location)] as ReplicaState
const seqOfLocation = (location: number): number => (location - (location % STATE_SLOTS)) / STATE_SLOTS

const STATE_INDEX: ReadonlyMap<unknown, number> = new Map(ALL_REPLICA_STATES.map((s, i) => [s, i]))

const requireState = (operation: ContainerOperation, state: unknown): number => {
  const i = STATE_INDEX.get(state) ?? -1
  if (i < 0) throw new InvalidReplicaState({ operation, state })
  return i
}

/** The caller's states as bucket indices, in the caller's order, each once. */
const resolveStates = (
  operation: ContainerOperation,
  states: ReadonlyArray<ReplicaState> | undefined
): ReadonlyArray<number> => {
  if (states === undefined) return ALL_STATE_INDICES
  if (!Array.isArray(states)) throw new InvalidReplicaState({ operation, state: states })
  // Stryker disable next-line ArrayDeclaration: a leading entry that is no state index names no bucket: get, pop and count read it as an empty state
  const order: Array<number> = []
  for (const state of states) {
    const i = requireState(operation, state)
    if (!order.includes(i)) order.push(i)
  }
  return order
}

const ALL_STATE_INDICES: ReadonlyArray<number> = ALL_REPLICA_STATES.map((_, i) => i)

const requireReplica = (operation: ContainerOperation, replica: unknown): void => {
  if (typeof replica !== "object" || replica === null) {
    throw new InvalidReplica({ operation, replica, reason: "expected a record" })
  }
  const { id, version } = replica as { id?: unknown; version?: unknown }
  if (typeof id !== "string") throw new InvalidReplica({ operation, replica, reason: "id must be a string" })
  if (typeof version !== "string") {
    throw new InvalidReplica({ operation, replica, reason: "version must be a string" })
  }
}

const requireId = (operation: ContainerOperation, id: unknown): string => {
  if (typeof id !== "string") throw new InvalidReplica({ operation, replica: id, reason: "an id must be a string" })
  return id
}

const optionalVersion = (
  operation: "pop" | "count",
  filter: "version" | "excludeVersion",
  value: unknown
): string | undefined => {
  if (value === undefined || typeof value === "string") return value
  throw new InvalidVersionFilter({ operation, filter, value })
}

/**
 * The container with no replicas.
 *
 * @example
 * import { Container } from "replicore"
 * Container.size(Container.empty()) // 0
 *
 * @category constructors
 * @since 0.1.0
 */
export const empty = <R extends Replica = Replica>(): ReplicaContainer<R> => wrap(EMPTY as Container<R>)

/**
 * Adds a replica at the end of `state`'s order, in O(log N).
 *
 * @throws {AddError} `DuplicateReplica` when the id is already present (in any
 * state), `InvalidReplicaState` for a state that is not one, `InvalidReplica`
 * for a value that is not a replica; the container is unchanged.
 *
 * @example
 * import { Container } from "replicore"
 * const c = Container.add(Container.empty(), "STARTING", { id: "r1", version: "v1" })
 * Container.stateOf(c, "r1") // "STARTING"
 *
 * @category combinators
 * @since 0.1.0
 */
export const add = <R extends Replica>(
  self: ReplicaContainer<R>,
  state: ReplicaState,
  replica: R
): ReplicaContainer<R> => addMany("add", self, state, [replica])

/**
 * Adds replicas, in the given order, at the end of `state`'s order: what many
 * `add` calls would do, in one step. Costs O(k log N) for k replicas, or one
 * linear rebuild of that state when that is cheaper.
 *
 * @throws {AddError} like `add` (a duplicate within `replicas` too, and
 * `InvalidReplica` when `replicas` is not an iterable), and then adds none of
 * them; the container is unchanged.
 *
 * @example
 * import { Container } from "replicore"
 * const [stopping, rest] = Container.remove(
 *   Container.add(Container.empty(), "RUNNING", { id: "a", version: "v1" }),
 *   ["a"]
 * )
 * const c = Container.addAll(rest, "STOPPING", stopping)
 * Container.stateOf(c, "a") // "STOPPING"
 *
 * @category combinators
 * @since 0.1.0
 */
export const addAll = <R extends Replica>(
  self: ReplicaContainer<R>,
  state: ReplicaState,
  replicas: Iterable<R>
): ReplicaContainer<R> => addMany("addAll", self, state, replicas)

const addMany = <R extends Replica>(
  operation: "add" | "addAll",
  self: ReplicaContainer<R>,
  state: ReplicaState,
  replicas: Iterable<R>
): ReplicaContainer<R> => {
  const c = unwrap(self)
  const si = requireState(operation, state)
  if (!Predicate.isIterable(replicas)) {
    throw new InvalidReplica({ operation, replica: replicas, reason: "replicas must be an iterable" })
  }
  const list = Array.from(replicas)
  if (list.length === 0) return self
  for (const replica of list) requireReplica(operation, replica)
  const first = c.nextSeq
  const inserted = StringMap.insertMany(c.index, list.map((r) => r.id), (i) => (first + i) * STATE_SLOTS + si)
  if (inserted.present !== undefined) {
    const existing = StringMap.get(c.index, inserted.present)
    throw new DuplicateReplica({
      operation,
      id: inserted.present,
      existingState: existing === undefined ? state : stateName(existing)
    })
  }
  const buckets = c.buckets.slice()
  buckets[si] = OrderedMap.appendRun(buckets[si], first, list)
  return wrap(new Container(buckets, inserted.map, first + list.length))
}

/**
 * Options of {@link get}: which states, in which order (default `ALL_REPLICA_STATES`).
 *
 * @category models
 * @since 0.1.0
 */
export interface GetOptions {
  readonly states?: ReadonlyArray<ReplicaState>
}

/**
 * The replicas of the given states, in the order the states are listed, each
 * state in insertion order. A state listed twice counts once.
 *
 * @throws {GetError} `InvalidReplicaState` for a listed state that is not one.
 *
 * @example
 * import { Container } from "replicore"
 * let c = Container.empty()
 * c = Container.add(c, "STOPPING", { id: "a", version: "v1" })
 * c = Container.add(c, "STARTING", { id: "b", version: "v1" })
 * Container.get(c).map((r) => r.id) // ["b", "a"]
 * Container.get(c, { states: ["STOPPING", "STARTING"] }).map((r) => r.id) // ["a", "b"]
 *
 * @category getters
 * @since 0.1.0
 */
export const get = <R extends Replica>(self: ReplicaContainer<R>, options: GetOptions = {}): ReadonlyArray<R> => {
  const c = unwrap(self)
  const out: Array<R> = []
  for (const si of resolveStates("get", options.states)) OrderedMap.appendValues(c.buckets[si], out)
  return out
}

/**
 * Options of {@link pop}.
 *
 * @category models
 * @since 0.1.0
 */
export interface PopOptions {
  /** Replicas of this version are skipped: they stay and do not use up `maxReplicas`. */
  readonly excludeVersion?: string
  /** The states to take from, in this order (default `ALL_REPLICA_STATES`). */
  readonly states?: ReadonlyArray<ReplicaState>
  /** The most replicas to take, across all states (default `Infinity`; 0 takes nothing). */
  readonly maxReplicas?: number
}

/**
 * Takes, in `get` order, up to `maxReplicas` replicas whose version differs
 * from `excludeVersion`. Returns `[taken, rest]`; skipped replicas keep their
 * place. Costs O(m log N + skipped) for m taken replicas.
 *
 * @throws {PopError} `InvalidReplicaState` for a listed state that is not one,
 * `InvalidVersionFilter` for an `excludeVersion` that is not a string,
 * `InvalidMaxReplicas` unless `maxReplicas` is a non-negative integer or
 * `Infinity`; the container is unchanged.
 *
 * @example
 * import { Container } from "replicore"
 * let c = Container.empty()
 * c = Container.add(c, "RUNNING", { id: "a", version: "v1" })
 * c = Container.add(c, "RUNNING", { id: "b", version: "v2" })
 * const [taken, rest] = Container.pop(c, { excludeVersion: "v1", maxReplicas: 1 })
 * taken.map((r) => r.id) // ["b"]
 * Container.size(rest) // 1
 *
 * @category combinators
 * @since 0.1.0
 */
export const pop = <R extends Replica>(
  self: ReplicaContainer<R>,
  options: PopOptions = {}
): readonly [taken: ReadonlyArray<R>, rest: ReplicaContainer<R>] => {
  const c = unwrap(self)
  const order = resolveStates("pop", options.states)
  const excluded = optionalVersion("pop", "excludeVersion", options.excludeVersion)
  const max = options.maxReplicas ?? Infinity
  if (!(max === Infinity || (Number.isInteger(max) && max >= 0))) throw new InvalidMaxReplicas({ value: max })

  const taken: Array<R> = []
  const buckets = c.buckets.slice()
  for (const si of order) {
    if (taken.length >= max) break
    const tree = buckets[si]
    if (excluded === undefined && OrderedMap.sizeOf(tree) <= max - taken.length) {
      OrderedMap.appendValues(tree, taken)
      buckets[si] = undefined
      continue
    }
    const keys: Array<number> = []
    OrderedMap.forEachWhile(tree, (replica, key) => {
      if (taken.length >= max) return false
      if (replica.version !== excluded) {
        taken.push(replica)
        keys.push(key)
      }
      return true
    })
    let next = tree
    for (const key of keys) next = OrderedMap.remove(next, key)
    buckets[si] = next
  }
  if (taken.length === 0) return [taken, self]
  return [taken, wrap(new Container(buckets, withoutIds(c.index, taken), c.nextSeq))]
}

const withoutIds = <R extends Replica>(index: StringMap.StringMap, replicas: ReadonlyArray<R>): StringMap.StringMap =>
  StringMap.removeMany(index, replicas.map((r) => r.id))

/**
 * Options of {@link count}: the states to count and at most one version filter.
 * Giving both `version` and `excludeVersion` does not type-check.
 *
 * @category models
 * @since 0.1.0
 */
export type CountOptions =
  & { readonly states?: ReadonlyArray<ReplicaState> }
  & (
    | { readonly version?: string; readonly excludeVersion?: never }
    | { readonly excludeVersion?: string; readonly version?: never }
  )

/**
 * How many replicas of the given states match the version filter. Without a
 * version filter it costs O(number of states); with one, a scan of those states.
 *
 * @throws {CountError} `ConflictingVersionFilters` when both filters are given
 * (as Ray does), `InvalidVersionFilter` for a filter that is not a string,
 * `InvalidReplicaState` for a listed state that is not one.
 *
 * @example
 * import { Container } from "replicore"
 * let c = Container.empty()
 * c = Container.add(c, "STARTING", { id: "a", version: "v1" })
 * c = Container.add(c, "STOPPING", { id: "b", version: "v2" })
 * Container.count(c) // 2
 * Container.count(c, { version: "v1" }) // 1
 * Container.count(c, { excludeVersion: "v1", states: ["STARTING"] }) // 0
 *
 * @category getters
 * @since 0.1.0
 */
export const count = <R extends Replica>(self: ReplicaContainer<R>, options: CountOptions = {}): number => {
  const c = unwrap(self)
  const order = resolveStates("count", options.states)
  const version = optionalVersion("count", "version", options.version)
  const excluded = optionalVersion("count", "excludeVersion", options.excludeVersion)
  if (version !== undefined && excluded !== undefined) {
    throw new ConflictingVersionFilters({ version, excludeVersion: excluded })
  }
  let total = 0
  for (const si of order) {
    const tree = c.buckets[si]
    if (version === undefined && excluded === undefined) {
      total += OrderedMap.sizeOf(tree)
      continue
    }
    OrderedMap.forEachWhile(tree, (replica) => {
      if (version !== undefined ? replica.version === version : replica.version !== excluded) total++
      return true
    })
  }
  return total
}

/**
 * The number of replicas in every state, in O(number of states).
 *
 * @example
 * import { Container } from "replicore"
 * const c = Container.add(Container.empty(), "RUNNING", { id: "a", version: "v1" })
 * Container.countByState(c).RUNNING // 1
 * Container.countByState(c).STOPPING // 0
 *
 * @category getters
 * @since 0.1.0
 */
export const countByState = <R extends Replica>(self: ReplicaContainer<R>): Readonly<Record<ReplicaState, number>> => {
  const c = unwrap(self)
  const counts = {} as Record<ReplicaState, number>
  ALL_REPLICA_STATES.forEach((state, si) => {
    counts[state] = OrderedMap.sizeOf(c.buckets[si])
  })
  return counts
}

/**
 * Removes exactly the replicas with the given ids (any iterable; unknown ids
 * are ignored) and returns `[removed, rest]`, the removed ones in
 * `ALL_REPLICA_STATES` order then insertion order, whatever the argument's
 * order. Costs O(k log N) for k ids, and switches to one linear pass when
 * that is cheaper, so it is never worse than a single scan.
 *
 * @throws {RemoveError} `InvalidReplica` when `ids` is not an iterable of
 * strings; the container is unchanged.
 *
 * @example
 * import { Container } from "replicore"
 * let c = Container.empty()
 * c = Container.add(c, "RUNNING", { id: "a", version: "v1" })
 * c = Container.add(c, "STARTING", { id: "b", version: "v1" })
 * const [removed, rest] = Container.remove(c, ["a", "b", "zz"])
 * removed.map((r) => r.id) // ["b", "a"]
 * Container.size(rest) // 0
 *
 * @category combinators
 * @since 0.1.0
 */
export const remove = <R extends Replica>(
  self: ReplicaContainer<R>,
  ids: Iterable<string>
): readonly [removed: ReadonlyArray<R>, rest: ReplicaContainer<R>] => {
  const c = unwrap(self)
  if (!Predicate.isIterable(ids)) {
    throw new InvalidReplica({ operation: "remove", replica: ids, reason: "ids must be an iterable of strings" })
  }
  const wanted = distinctIds(ids)
  const n = totalSize(c)
  if (wanted.size === 0 || n === 0) return [[], self]
  const result = wanted.size * Math.log2(n + 1) < n ? removeByLookup(c, wanted) : removeByScan(c, wanted, n)
  return result === undefined ? [[], self] : [result[0], wrap(result[1])]
}

/** The ids as a set: a caller's `Set` is used as it is (never written), anything else is copied. */
const distinctIds = (ids: Iterable<string>): ReadonlySet<string> => {
  if (ids instanceof Set) {
    for (const id of ids) requireId("remove", id)
    return ids
  }
  const wanted = new Set<string>()
  for (const id of ids) wanted.add(requireId("remove", id))
  return wanted
}

/** Few ids: find each through the index and delete it from its tree. O(k log N). */
const removeByLookup = <R extends Replica>(
  c: Container<R>,
  wanted: ReadonlySet<string>
): readonly [ReadonlyArray<R>, Container<R>] | undefined => {
  const locations: Array<number> = []
  for (const id of wanted) {
    const location = StringMap.get(c.index, id)
    if (location !== undefined) locations.push(location)
  }
  if (locations.length === 0) return undefined
  locations.sort((a, b) => stateOfLocation(a) - stateOfLocation(b) || a - b)
  const buckets = c.buckets.slice()
  const removed: Array<R> = []
  for (const location of locations) {
    const si = stateOfLocation(location)
    const seq = seqOfLocation(location)
    removed.push(OrderedMap.lookup(buckets[si], seq) as R)
    buckets[si] = OrderedMap.remove(buckets[si], seq)
  }
  return [removed, new Container(buckets, withoutIds(c.index, removed), c.nextSeq)]
}

/**
 * Many ids: one pass over the states in order (stopping once every id is
 * found), rebuilding only the trees that lost a replica. O(N).
 */
const removeByScan = <R extends Replica>(
  c: Container<R>,
  wanted: ReadonlySet<string>,
  n: number
): readonly [ReadonlyArray<R>, Container<R>] | undefined => {
  const buckets = c.buckets.slice()
  const removed: Array<R> = []
  for (let si = 0; si < buckets.length && removed.length < wanted.size; si++) {
    const tree = buckets[si]
    const keptKeys = new Array<number>(OrderedMap.sizeOf(tree))
    const keptValues = new Array<R>(OrderedMap.sizeOf(tree))
    let kept = 0
    OrderedMap.forEachWhile(tree, (replica, key) => {
      if (wanted.has(replica.id)) {
        removed.push(replica)
      } else {
        keptKeys[kept] = key
        keptValues[kept++] = replica
      }
      return true
    })
    if (kept < OrderedMap.sizeOf(tree)) {
      keptKeys.length = kept
      keptValues.length = kept
      buckets[si] = OrderedMap.fromSorted(keptKeys, keptValues)
    }
  }
  if (removed.length === 0) return undefined
  const index = removed.length === n ? undefined : withoutIds(c.index, removed)
  return [removed, new Container(buckets, index, c.nextSeq)]
}

/**
 * Moves one replica to the end of state `to`'s order, in O(log N) (how Ray's
 * `stop_replicas` puts a removed replica at the end of STOPPING).
 *
 * @throws {TransitionError} `UnknownReplica` when the id is not present,
 * `InvalidReplica` when it is not a string, `InvalidReplicaState` for a target
 * that is not a state; the container is unchanged.
 *
 * @example
 * import { Container } from "replicore"
 * let c = Container.add(Container.empty(), "RUNNING", { id: "a", version: "v1" })
 * c = Container.transition(c, "a", "STOPPING")
 * Container.stateOf(c, "a") // "STOPPING"
 *
 * @category combinators
 * @since 0.1.0
 */
export const transition = <R extends Replica>(
  self: ReplicaContainer<R>,
  id: string,
  to: ReplicaState
): ReplicaContainer<R> => {
  const c = unwrap(self)
  requireId("transition", id)
  const target = requireState("transition", to)
  const location = StringMap.get(c.index, id)
  if (location === undefined) throw new UnknownReplica({ operation: "transition", id })
  const si = stateOfLocation(location)
  const seq = seqOfLocation(location)
  const buckets = c.buckets.slice()
  buckets[si] = OrderedMap.remove(buckets[si], seq)
  buckets[target] = OrderedMap.insert(buckets[target], c.nextSeq, OrderedMap.lookup(c.buckets[si], seq) as R)
  const index = StringMap.set(c.index, id, c.nextSeq * STATE_SLOTS + target)
  return wrap(new Container(buckets, index, c.nextSeq + 1))
}

/**
 * The state of the replica with this id, or `undefined` when it is absent
 * (a value that is not a string is no replica's id). O(log N).
 *
 * @example
 * import { Container } from "replicore"
 * const c = Container.add(Container.empty(), "RECOVERING", { id: "a", version: "v1" })
 * Container.stateOf(c, "a") // "RECOVERING"
 * Container.stateOf(c, "b") // undefined
 *
 * @category getters
 * @since 0.1.0
 */
export const stateOf = <R extends Replica>(self: ReplicaContainer<R>, id: string): ReplicaState | undefined => {
  const location = locate(unwrap(self), id)
  return location === undefined ? undefined : stateName(location)
}

const locate = <R extends Replica>(c: Container<R>, id: unknown): number | undefined =>
  typeof id === "string" ? StringMap.get(c.index, id) : undefined

/**
 * Whether a replica with this id is present (a value that is not a string
 * never is). O(log N).
 *
 * @example
 * import { Container } from "replicore"
 * const c = Container.add(Container.empty(), "RUNNING", { id: "a", version: "v1" })
 * Container.has(c, "a") // true
 *
 * @category getters
 * @since 0.1.0
 */
export const has = <R extends Replica>(self: ReplicaContainer<R>, id: string): boolean =>
  locate(unwrap(self), id) !== undefined

/**
 * The number of replicas, in O(number of states).
 *
 * @example
 * import { Container } from "replicore"
 * Container.size(Container.add(Container.empty(), "RUNNING", { id: "a", version: "v1" })) // 1
 *
 * @category getters
 * @since 0.1.0
 */
export const size = <R extends Replica>(self: ReplicaContainer<R>): number => totalSize(unwrap(self))

const totalSize = <R extends Replica>(c: Container<R>): number => {
  let n = 0
  for (const tree of c.buckets) n += OrderedMap.sizeOf(tree)
  return n
}
