/**
 * The replica container's invariants (`C*`), first and on their own: each an
 * id, a statement in words and the predicate that decides it on a
 * {@link ContainerObservation} (the core, the reference model and the last
 * operation's answers). The model is in `./model.ts`, the runner that builds
 * observations in `./harness.ts`.
 */
import { Container } from "../../src/index.js"
import { namesAnArgument, type Outcome } from "../lockstep.js"
import type { Invariant } from "../registry.js"
import type { ContainerOp, ModelContainer, TestReplica } from "./model.js"

/** The `C*` invariants of the replica container. */
export const containerInvariants: ReadonlyArray<Invariant<ContainerObservation<unknown>>> = [
  {
    id: "C1",
    core: "container",
    title: "one state per replica",
    statement: "Every replica id is in exactly one state: no id appears twice in `get()`, and for every " +
      "replica that `get` lists under a state, `stateOf` names that state and `has` is true.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: (o) => {
      const view = viewOf(o)
      const ids = view.all.map((r) => r.id)
      if (new Set(ids).size !== ids.length) return false
      return STATES.every((s, i) =>
        (view.byState[i] ?? []).every((r) => view.stateOf.get(r.id) === s && view.has.get(r.id) === true)
      )
    }
  },
  {
    id: "C2",
    core: "container",
    title: "size accounting",
    statement: "`size` equals the sum of `countByState`, the unfiltered `count`, and the length of `get()`.",
    checkedBy: ["model", "exhaustive"],
    holds: (o) => {
      const view = viewOf(o)
      const byState = Object.values(view.countByState).reduce((a, b) => a + b, 0)
      return view.size === byState && view.size === view.count && view.size === view.all.length
    }
  },
  {
    id: "C3",
    core: "container",
    title: "states order, then insertion order",
    statement: "`get` lists the same replica objects as the reference model: for each single state, for " +
      "`ALL_REPLICA_STATES` (the default) and for its reverse, the states in the order asked, each state in " +
      "insertion order; iterating the container gives `get()`.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: (o) => {
      const { model } = o
      const view = viewOf(o)
      return STATES.every((_, i) => sameValue(view.byState[i], model[i])) &&
      sameValue(view.all, model.flat()) &&
      sameValue(view.iterated, model.flat()) &&
        sameValue(view.reversed, [...model].reverse().flat())
    }
  },
  {
    id: "C4",
    core: "container",
    title: "agrees with the reference model",
    statement: "Every operation (`add`, `addAll`, `get`, `pop`, `count`, `countByState`, `remove`, `transition`, " +
      "`stateOf`, `has`) answers exactly what the reference model answers — `pop` and `remove` take exactly " +
      "the model's replica objects in the model's order — or is refused with the same error tag.",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) => last === undefined || sameOutcome(last.coreOutcome, last.modelOutcome)
  },
  {
    id: "C5",
    core: "container",
    title: "inputs are never changed",
    statement: "Every operation leaves its input container (deep-frozen before the call) listing exactly the " +
      "same replica objects in every state, in the same order, as before the call.",
    checkedBy: ["model", "exhaustive"],
    holds: ({ last }) => last === undefined || last.inputIntact
  },
  {
    id: "C6",
    core: "container",
    title: "bad input is refused with a typed error",
    statement: "An operation that cannot be done throws one of the container's tagged errors, with a message " +
      "that starts with `replicore/container.<operation>:` (the public function that was called) and names one " +
      "of the arguments it was called with (a state, an id, a version or `maxReplicas`).",
    checkedBy: ["model", "exhaustive", "unit"],
    holds: ({ last }) =>
      last === undefined || last.coreOutcome.ok ||
      (ERROR_TAGS.includes(last.coreOutcome.tag) &&
        last.coreOutcome.message.startsWith(`replicore/container.${errorOperation(last.op)}:`) &&
        namesAnArgument(last.coreOutcome.message, last.op))
  }
]

// ---------------------------------------------------------------------------
// What the predicates read.
// ---------------------------------------------------------------------------

/**
 * Everything a caller can observe of a container, read through its queries
 * after an operation: `get` of every single state (in `ALL_REPLICA_STATES`
 * order), of every state, of every state in reverse; iteration; `stateOf` and
 * `has` of every listed id; `size`, the unfiltered `count` and `countByState`.
 * The invariants read this view, so they judge any implementation the
 * harness can query, the package's own or another.
 */
export interface ContainerView {
  readonly byState: ReadonlyArray<ReadonlyArray<TestReplica>>
  readonly all: ReadonlyArray<TestReplica>
  readonly reversed: ReadonlyArray<TestReplica>
  readonly iterated: ReadonlyArray<TestReplica>
  readonly stateOf: ReadonlyMap<string, string | undefined>
  readonly has: ReadonlyMap<string, boolean>
  readonly size: number
  readonly count: number
  readonly countByState: Readonly<Record<string, number>>
}

/**
 * What the invariants see after each operation: the implementation (the
 * package's container by default), its view, the model, and the last
 * operation's answers.
 */
export interface ContainerObservation<C = Container.ReplicaContainer<TestReplica>> {
  readonly core: C
  /** Set by the harness; left out, it is read from `core`, the package's container. */
  readonly view?: ContainerView
  readonly model: ModelContainer
  readonly last?: {
    readonly op: ContainerOp
    readonly coreOutcome: Outcome
    readonly modelOutcome: Outcome
    /** The input container still holds exactly what it held before the operation. */
    readonly inputIntact: boolean
  }
}

const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES

/** Reads a container's view through its query functions. */
export const viewThrough = <C>(q: {
  readonly get: (c: C, states: ReadonlyArray<string> | undefined) => ReadonlyArray<TestReplica>
  readonly iterate: (c: C) => Iterable<TestReplica>
  readonly stateOf: (c: C, id: string) => string | undefined
  readonly has: (c: C, id: string) => boolean
  readonly size: (c: C) => number
  readonly count: (c: C) => number
  readonly countByState: (c: C) => Readonly<Record<string, number>>
}) =>
(c: C): ContainerView => {
  const byState = Container.ALL_REPLICA_STATES.map((s) => [...q.get(c, [s])])
  const ids = [...new Set(byState.flat().map((r) => r.id))]
  return {
    byState,
    all: [...q.get(c, undefined)],
    reversed: [...q.get(c, [...Container.ALL_REPLICA_STATES].reverse())],
    iterated: [...q.iterate(c)],
    stateOf: new Map(ids.map((id) => [id, q.stateOf(c, id)])),
    has: new Map(ids.map((id) => [id, q.has(c, id)])),
    size: q.size(c),
    count: q.count(c),
    countByState: { ...q.countByState(c) }
  }
}

/** The view of the package's container. */
export const coreView = viewThrough<Container.ReplicaContainer<TestReplica>>({
  get: (c, states) => Container.get(c, states === undefined ? {} : { states: states as ReadonlyArray<Container.ReplicaState> }),
  iterate: (c) => c,
  stateOf: (c, id) => Container.stateOf(c, id),
  has: (c, id) => Container.has(c, id),
  size: (c) => Container.size(c),
  count: (c) => Container.count(c),
  countByState: (c) => Container.countByState(c)
})

/**
 * The view an observation carries, or, for one built from the package's own
 * container alone (the simulator's live checks pass `{ core }`), the view
 * read from that container.
 */
export const viewOf = (o: ContainerObservation<unknown>): ContainerView =>
  o.view ?? coreView(o.core as Container.ReplicaContainer<TestReplica>)

/** A state name, as the core's functions take it (the operations carry plain strings so bad names can be said). */
export const asState = (state: string): Container.ReplicaState => state as Container.ReplicaState

/** The container's error tags. */
const ERROR_TAGS: ReadonlyArray<string> = [
  "InvalidReplicaState",
  "InvalidReplica",
  "DuplicateReplica",
  "UnknownReplica",
  "InvalidMaxReplicas",
  "ConflictingVersionFilters"
]

/** The public function a refused operation names in its message. */
const errorOperation = (op: ContainerOp): string =>
  op.kind === "lookup" || op.kind === "countByState" ? "" : op.kind

/** Structural equality in which objects inside arrays compare by identity (replicas are never copied). */
export const sameValue = (a: unknown, b: unknown): boolean => {
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
