/**
 * The replica container's reference model: one plain array per state, linear
 * scans, and Ray's `ReplicaStateContainer` loops transcribed as they are.
 * Each operation is one guarded action: the refusal its arguments call for
 * (checked in the order the core checks them), else its answer and the next model.
 */
import { Container } from "../../src/index.js"
import { type GuardedAction, type Outcome, runGuarded, showOperation } from "../lockstep.js"

/** The replicas the checks store: the two fields the container needs. */
export interface TestReplica {
  readonly id: string
  readonly version: string
}

// ---------------------------------------------------------------------------
// Operations as data. States are plain strings so that bad input can be said.
// ---------------------------------------------------------------------------

/** One container operation with its arguments. */
export type ContainerOp =
  | { readonly kind: "add"; readonly state: string; readonly id: string; readonly version: string }
  | {
    readonly kind: "addAll"
    readonly state: string
    readonly replicas: ReadonlyArray<{ readonly id: string; readonly version: string }>
  }
  | { readonly kind: "get"; readonly states?: ReadonlyArray<string> }
  | {
    readonly kind: "pop"
    readonly excludeVersion?: string
    readonly states?: ReadonlyArray<string>
    readonly maxReplicas?: number
  }
  | {
    readonly kind: "count"
    readonly version?: string
    readonly excludeVersion?: string
    readonly states?: ReadonlyArray<string>
  }
  | { readonly kind: "countByState" }
  | { readonly kind: "remove"; readonly ids: ReadonlyArray<string> }
  | { readonly kind: "transition"; readonly id: string; readonly to: string }
  | { readonly kind: "lookup"; readonly id: string }

/** Every kind of operation, for per-kind statistics. */
export const OP_KINDS: ReadonlyArray<ContainerOp["kind"]> = [
  "add",
  "addAll",
  "get",
  "pop",
  "count",
  "countByState",
  "remove",
  "transition",
  "lookup"
]

/** A readable rendering of an operation, used in counterexamples. */
export const showOp = (op: ContainerOp): string => showOperation(op)

// ---------------------------------------------------------------------------
// The model's state.
// ---------------------------------------------------------------------------

/** The model's state: `buckets[i]` holds the replicas of `ALL_REPLICA_STATES[i]` in insertion order. */
export type ModelContainer = ReadonlyArray<ReadonlyArray<TestReplica>>

const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES

export const modelEmpty: ModelContainer = STATES.map(() => [])

/** `InvalidReplicaState` when any of the named states is not one. */
const badState = (states: ReadonlyArray<string> | undefined): string | undefined =>
  states?.some((s) => !STATES.includes(s)) === true ? "InvalidReplicaState" : undefined

/** The bucket indices of valid states, in the caller's order, each once (default: every state). */
const bucketsOf = (states: ReadonlyArray<string> | undefined): ReadonlyArray<number> =>
  [...new Set((states ?? STATES).map((s) => STATES.indexOf(s)))]

const bucketOf = (state: string): number => STATES.indexOf(state)

const find = (model: ModelContainer, id: string): number => model.findIndex((b) => b.some((r) => r.id === id))

const withBucket = (model: ModelContainer, i: number, bucket: ReadonlyArray<TestReplica>): ModelContainer =>
  model.map((b, j) => (j === i ? bucket : b))

const append = (model: ModelContainer, i: number, replicas: ReadonlyArray<TestReplica>): ModelContainer =>
  withBucket(model, i, [...(model[i] ?? []), ...replicas])

// ---------------------------------------------------------------------------
// One guarded action per operation.
// ---------------------------------------------------------------------------

type OpOf<K extends ContainerOp["kind"]> = Extract<ContainerOp, { readonly kind: K }>

/** A model operation; its input is the fresh replica objects the operation stores (shared with the core). */
type ModelAction<K extends ContainerOp["kind"]> = GuardedAction<
  ModelContainer,
  OpOf<K>,
  unknown,
  ReadonlyArray<TestReplica>
>

const add: ModelAction<"add"> = {
  refusal: (m, op) => badState([op.state]) ?? (find(m, op.id) >= 0 ? "DuplicateReplica" : undefined),
  effect: (m, op, fresh) => [undefined, append(m, bucketOf(op.state), fresh)]
}

const addAll: ModelAction<"addAll"> = {
  refusal: (m, op) => {
    const ids = op.replicas.map((r) => r.id)
    const duplicate = ids.some((id, j) => find(m, id) >= 0 || ids.indexOf(id) !== j)
    return badState([op.state]) ?? (duplicate ? "DuplicateReplica" : undefined)
  },
  effect: (m, op, fresh) => [undefined, append(m, bucketOf(op.state), fresh)]
}

const get: ModelAction<"get"> = {
  refusal: (_, op) => badState(op.states),
  effect: (m, op) => [bucketsOf(op.states).flatMap((i) => m[i] ?? []), m]
}

/** Ray's `ReplicaStateContainer.pop`, loop for loop. */
const pop: ModelAction<"pop"> = {
  refusal: (_, op) => {
    const max = op.maxReplicas ?? Infinity
    const validMax = max === Infinity || (Number.isInteger(max) && max >= 0)
    return badState(op.states) ?? (validMax ? undefined : "InvalidMaxReplicas")
  },
  effect: (m, op) => {
    const max = op.maxReplicas ?? Infinity
    const popped: Array<TestReplica> = []
    let next = m
    for (const i of bucketsOf(op.states)) {
      const kept: Array<TestReplica> = []
      for (const r of next[i] ?? []) {
        if (popped.length === max) kept.push(r)
        else if (op.excludeVersion !== undefined && r.version === op.excludeVersion) kept.push(r)
        else popped.push(r)
      }
      next = withBucket(next, i, kept)
    }
    return [popped, next]
  }
}

const count: ModelAction<"count"> = {
  refusal: (_, op) =>
    badState(op.states) ??
      (op.version !== undefined && op.excludeVersion !== undefined ? "ConflictingVersionFilters" : undefined),
  effect: (m, op) => {
    const chosen = bucketsOf(op.states).flatMap((i) => m[i] ?? [])
    if (op.version !== undefined) return [chosen.filter((r) => r.version === op.version).length, m]
    if (op.excludeVersion !== undefined) return [chosen.filter((r) => r.version !== op.excludeVersion).length, m]
    return [chosen.length, m]
  }
}

const countByState: ModelAction<"countByState"> = {
  refusal: () => undefined,
  effect: (m) => [Object.fromEntries(STATES.map((s, i) => [s, m[i]?.length ?? 0])), m]
}

const remove: ModelAction<"remove"> = {
  refusal: () => undefined,
  effect: (m, op) => {
    const ids = new Set(op.ids)
    return [m.flatMap((b) => b.filter((r) => ids.has(r.id))), m.map((b) => b.filter((r) => !ids.has(r.id)))]
  }
}

const transition: ModelAction<"transition"> = {
  refusal: (m, op) => badState([op.to]) ?? (find(m, op.id) < 0 ? "UnknownReplica" : undefined),
  effect: (m, op) => {
    const from = find(m, op.id)
    const moving = (m[from] ?? []).filter((r) => r.id === op.id)
    const without = withBucket(m, from, (m[from] ?? []).filter((r) => r.id !== op.id))
    return [undefined, append(without, bucketOf(op.to), moving)]
  }
}

const lookup: ModelAction<"lookup"> = {
  refusal: () => undefined,
  effect: (m, op) => {
    const i = find(m, op.id)
    return [{ state: i < 0 ? undefined : STATES[i], has: i >= 0 }, m]
  }
}

/** The model's operations, by kind. */
export const modelActions: { readonly [K in ContainerOp["kind"]]: ModelAction<K> } = {
  add,
  addAll,
  get,
  pop,
  count,
  countByState,
  remove,
  transition,
  lookup
}

/** Applies one operation to the model: its answer and the next model. */
export const applyToModel = (
  model: ModelContainer,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [Outcome, ModelContainer] =>
  runGuarded(modelActions[op.kind] as GuardedAction<ModelContainer, ContainerOp, unknown, ReadonlyArray<TestReplica>>, model, op, fresh)
