/**
 * The replica container's specification: a reference model, the operations
 * as data, a lockstep runner that applies one operation to both the core and
 * the model, and the `C*` invariants checked after every operation.
 *
 * The model is deliberately naive: one plain array per state, linear scans,
 * and Ray's `ReplicaStateContainer` loops transcribed as they are.
 */
import { Container } from "../src/index.js"
import { deepFreeze } from "./freeze.js"
import { coreAnswer, modelAnswer, type Outcome, Refused, showOperation } from "./lockstep.js"
import type { Invariant } from "./registry.js"

type ReplicaContainer<R extends Container.Replica> = Container.ReplicaContainer<R>
const { ALL_REPLICA_STATES } = Container

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
// Reference model: one array per state, in ALL_REPLICA_STATES order.
// ---------------------------------------------------------------------------

/** The model's state: `buckets[i]` holds the replicas of `ALL_REPLICA_STATES[i]` in insertion order. */
export type ModelContainer = ReadonlyArray<ReadonlyArray<TestReplica>>

const STATES: ReadonlyArray<string> = ALL_REPLICA_STATES

export const modelEmpty: ModelContainer = STATES.map(() => [])

const modelStates = (states: ReadonlyArray<string> | undefined): Array<number> => {
  const order: Array<number> = []
  for (const state of states ?? STATES) {
    const i = STATES.indexOf(state)
    if (i < 0) throw new Refused("InvalidReplicaState")
    if (!order.includes(i)) order.push(i)
  }
  return order
}

const modelFind = (model: ModelContainer, id: string): number => model.findIndex((b) => b.some((r) => r.id === id))

const withBucket = (model: ModelContainer, i: number, bucket: ReadonlyArray<TestReplica>): ModelContainer =>
  model.map((b, j) => (j === i ? bucket : b))

/** The replica objects an operation stores: fresh frozen objects, shared by core and model. */
export const replicasOf = (op: ContainerOp): ReadonlyArray<TestReplica> => {
  const make = (r: { readonly id: string; readonly version: string }) => Object.freeze({ id: r.id, version: r.version })
  if (op.kind === "add") return [make(op)]
  if (op.kind === "addAll") return op.replicas.map(make)
  return []
}

/** Applies one operation to the model: its answer and the next model. */
export const applyToModel = (
  model: ModelContainer,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [Outcome, ModelContainer] => modelAnswer(model, () => modelStep(model, op, fresh))

const modelStep = (
  model: ModelContainer,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [unknown, ModelContainer] => {
  const ok = (value: unknown, next: ModelContainer = model) => [value, next] as const
  switch (op.kind) {
    case "add": {
      const i = modelStates([op.state])[0] as number
      if (modelFind(model, op.id) >= 0) throw new Refused("DuplicateReplica")
      return ok(undefined, withBucket(model, i, [...(model[i] ?? []), ...fresh]))
    }
    case "addAll": {
      const i = modelStates([op.state])[0] as number
      const ids = op.replicas.map((r) => r.id)
      if (ids.some((id, j) => modelFind(model, id) >= 0 || ids.indexOf(id) !== j)) throw new Refused("DuplicateReplica")
      return ok(undefined, withBucket(model, i, [...(model[i] ?? []), ...fresh]))
    }
    case "get":
      return ok(modelStates(op.states).flatMap((i) => model[i] ?? []))
    case "pop": {
      // Ray's ReplicaStateContainer.pop, loop for loop.
      const order = modelStates(op.states)
      const max = op.maxReplicas ?? Infinity
      if (!(max === Infinity || (Number.isInteger(max) && max >= 0))) throw new Refused("InvalidMaxReplicas")
      const popped: Array<TestReplica> = []
      let next = model
      for (const i of order) {
        const kept: Array<TestReplica> = []
        for (const r of next[i] ?? []) {
          if (popped.length === max) kept.push(r)
          else if (op.excludeVersion !== undefined && r.version === op.excludeVersion) kept.push(r)
          else popped.push(r)
        }
        next = withBucket(next, i, kept)
      }
      return ok(popped, next)
    }
    case "count": {
      const order = modelStates(op.states)
      if (op.version !== undefined && op.excludeVersion !== undefined) throw new Refused("ConflictingVersionFilters")
      const chosen = order.flatMap((i) => model[i] ?? [])
      if (op.version !== undefined) return ok(chosen.filter((r) => r.version === op.version).length)
      if (op.excludeVersion !== undefined) return ok(chosen.filter((r) => r.version !== op.excludeVersion).length)
      return ok(chosen.length)
    }
    case "countByState":
      return ok(Object.fromEntries(STATES.map((s, i) => [s, model[i]?.length ?? 0])))
    case "remove": {
      const ids = new Set(op.ids)
      const removed = model.flatMap((b) => b.filter((r) => ids.has(r.id)))
      return ok(removed, model.map((b) => b.filter((r) => !ids.has(r.id))))
    }
    case "transition": {
      const to = modelStates([op.to])[0] as number
      const from = modelFind(model, op.id)
      if (from < 0) throw new Refused("UnknownReplica")
      const moving = (model[from] ?? []).find((r) => r.id === op.id) as TestReplica
      const without = withBucket(model, from, (model[from] ?? []).filter((r) => r.id !== op.id))
      return ok(undefined, withBucket(without, to, [...(without[to] ?? []), moving]))
    }
    case "lookup": {
      const i = modelFind(model, op.id)
      return ok({ state: i < 0 ? undefined : STATES[i], has: i >= 0 })
    }
  }
}

// ---------------------------------------------------------------------------
// The core, driven by the same operations.
// ---------------------------------------------------------------------------

/** Applies one operation to the core: its answer and the next container. */
export const applyToCore = (
  container: ReplicaContainer<TestReplica>,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [Outcome, ReplicaContainer<TestReplica>] => coreAnswer(container, () => coreStep(container, op, fresh))

type States = ReadonlyArray<Container.ReplicaState>
const asState = (state: string) => state as Container.ReplicaState
const statesOption = (states: ReadonlyArray<string> | undefined) =>
  states === undefined ? {} : { states: states as States }

const coreStep = (
  c: ReplicaContainer<TestReplica>,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [unknown, ReplicaContainer<TestReplica>] => {
  const ok = (value: unknown, next: ReplicaContainer<TestReplica> = c) => [value, next] as const
  switch (op.kind) {
    case "add":
      return ok(undefined, Container.add(c, asState(op.state), fresh[0] as TestReplica))
    case "addAll":
      return ok(undefined, Container.addAll(c, asState(op.state), fresh))
    case "get":
      return ok(Container.get(c, statesOption(op.states)))
    case "pop": {
      const [taken, rest] = Container.pop(c, {
        ...statesOption(op.states),
        ...(op.excludeVersion === undefined ? {} : { excludeVersion: op.excludeVersion }),
        ...(op.maxReplicas === undefined ? {} : { maxReplicas: op.maxReplicas })
      })
      return ok(taken, rest)
    }
    case "count":
      return ok(Container.count(c, {
        ...statesOption(op.states),
        ...(op.version === undefined ? {} : { version: op.version }),
        ...(op.excludeVersion === undefined ? {} : { excludeVersion: op.excludeVersion })
      } as Container.CountOptions))
    case "countByState":
      return ok(Container.countByState(c))
    case "remove": {
      const [removed, rest] = Container.remove(c, op.ids)
      return ok(removed, rest)
    }
    case "transition":
      return ok(undefined, Container.transition(c, op.id, asState(op.to)))
    case "lookup":
      return ok({ state: Container.stateOf(c, op.id), has: Container.has(c, op.id) })
  }
}

// ---------------------------------------------------------------------------
// Lockstep: one observation holds the core, the model and the last answers.
// ---------------------------------------------------------------------------

/** What the invariants see after each operation. */
export interface ContainerObservation {
  readonly core: ReplicaContainer<TestReplica>
  readonly model: ModelContainer
  readonly last?: {
    readonly op: ContainerOp
    readonly coreOutcome: Outcome
    readonly modelOutcome: Outcome
    /** The input container still holds exactly what it held before the operation. */
    readonly inputIntact: boolean
  }
}

/** The observation before any operation. */
export const initialObservation = (): ContainerObservation => ({ core: Container.empty(), model: modelEmpty })

const contents = (c: ReplicaContainer<TestReplica>): ReadonlyArray<unknown> =>
  STATES.map((s) => Container.get(c, { states: [asState(s)] }))

/** How a check drives the core: `applyToCore`, or a deliberately broken variant in the checks' own tests. */
export type CoreDriver = typeof applyToCore

/**
 * A lockstep step over a driver: applies `op` to the core (its input
 * deep-frozen) and to the model, and returns the next observation with both answers.
 */
export const lockstep = (driver: CoreDriver) => (observation: ContainerObservation, op: ContainerOp): ContainerObservation => {
  const input = deepFreeze(observation.core)
  const before = contents(input)
  const fresh = replicasOf(op)
  const [coreOutcome, core] = driver(input, op, fresh)
  const [modelOutcome, model] = applyToModel(observation.model, op, fresh)
  const inputIntact = sameValue(before, contents(input))
  return { core, model, last: { op, coreOutcome, modelOutcome, inputIntact } }
}

/** The lockstep step of the real core. */
export const step = lockstep(applyToCore)

/** Structural equality in which objects inside arrays compare by identity (replicas are never copied). */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]))
  }
  return Object.is(a, b)
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x) && Object.getPrototypeOf(x) === Object.prototype

/** Whether two answers agree: equal values (replicas by identity), or refusals with the same tag. */
export const sameOutcome = (a: Outcome, b: Outcome): boolean =>
  a.ok && b.ok ? sameValue(a.value, b.value) : !a.ok && !b.ok && a.tag === b.tag

/**
 * A canonical key of an observation for the explorer: replica ids renamed in
 * order of appearance (ids are interchangeable), versions kept.
 */
export const canonicalKey = (observation: ContainerObservation): string => {
  const names = new Map<string, string>()
  const name = (id: string) => names.get(id) ?? names.set(id, `#${names.size}`).get(id)
  const render = (buckets: ReadonlyArray<ReadonlyArray<unknown>>) =>
    buckets.map((b) => (b as ReadonlyArray<TestReplica>).map((r) => `${name(r.id)}:${r.version}`).join(",")).join("|")
  return `${render(observation.model)}/${render(contents(observation.core) as ReadonlyArray<ReadonlyArray<unknown>>)}`
}

// ---------------------------------------------------------------------------
// The invariants.
// ---------------------------------------------------------------------------

const ERROR_TAGS: ReadonlyArray<string> = [
  "InvalidReplicaState",
  "InvalidReplica",
  "DuplicateReplica",
  "UnknownReplica",
  "InvalidMaxReplicas",
  "ConflictingVersionFilters"
]

/** The `C*` invariants of the replica container. */
export const containerInvariants: ReadonlyArray<Invariant<ContainerObservation>> = [
  {
    id: "C1",
    core: "container",
    title: "one state per replica",
    statement: "Every replica id is in exactly one state: no id appears twice, and `stateOf` and `has` agree " +
      "with the state whose `get` lists it.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ core }) => {
      const ids = Container.get(core).map((r) => r.id)
      if (new Set(ids).size !== ids.length) return false
      return STATES.every((s) =>
        Container.get(core, { states: [asState(s)] }).every((r) =>
          Container.stateOf(core, r.id) === s && Container.has(core, r.id)
        )
      )
    }
  },
  {
    id: "C2",
    core: "container",
    title: "size accounting",
    statement: "`size` equals the sum of `countByState`, the unfiltered `count`, and the length of `get()`.",
    checkedBy: ["model", "exhaustive"],
    holds: ({ core }) => {
      const n = Container.size(core)
      const byState = Object.values(Container.countByState(core)).reduce((a, b) => a + b, 0)
      return n === byState && n === Container.count(core) && n === Container.get(core).length
    }
  },
  {
    id: "C3",
    core: "container",
    title: "states order, then insertion order",
    statement: "`get` lists the same replica objects as the reference model: states in the caller's order " +
      "(`ALL_REPLICA_STATES` by default), each state in insertion order; iterating the container gives `get()`.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ core, model }) =>
      STATES.every((s, i) => sameValue(Container.get(core, { states: [asState(s)] }), model[i])) &&
      sameValue(Container.get(core), model.flat()) &&
      sameValue([...core], model.flat()) &&
      sameValue(
        Container.get(core, { states: [...ALL_REPLICA_STATES].reverse() }),
        [...model].reverse().flat()
      )
  },
  {
    id: "C4",
    core: "container",
    title: "agrees with the reference model",
    statement: "Every operation (`add`, `addAll`, `get`, `pop`, `count`, `countByState`, `remove`, `transition`, " +
      "`stateOf`, `has`) answers exactly what the reference model answers — `pop` and `remove` take exactly " +
      "the model's replicas in the model's order — or is refused with the same error.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) => last === undefined || sameOutcome(last.coreOutcome, last.modelOutcome)
  },
  {
    id: "C5",
    core: "container",
    title: "inputs are never changed",
    statement: "Every operation leaves its input container (deep-frozen before the call) exactly as it was; " +
      "results are new values that share structure with it.",
    checkedBy: ["model", "exhaustive"],
    holds: ({ last }) => last === undefined || last.inputIntact
  },
  {
    id: "C6",
    core: "container",
    title: "bad input is refused with a typed error",
    statement: "An operation that cannot be done throws one of the container's tagged errors, with a message " +
      "that starts with `replicore/container.<operation>:` and names the offending item, and nothing changes.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) =>
      last === undefined || last.coreOutcome.ok ||
      (ERROR_TAGS.includes(last.coreOutcome.tag) &&
        last.coreOutcome.message.startsWith(`replicore/container.${errorOperation(last.op)}:`))
  }
]

/** The public function a refused operation names in its message. */
const errorOperation = (op: ContainerOp): string =>
  op.kind === "lookup" || op.kind === "countByState" ? "" : op.kind
