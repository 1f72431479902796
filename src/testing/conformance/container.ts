/**
 * The replica container's conformance kit: your own implementation of a
 * replica container (Ray's `ReplicaStateContainer`, in your controller) checked
 * by replicore's own model-based suite and exhaustive exploration, against the
 * reference model of `spec/container`, every `C*` invariant after every
 * operation.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  canonicalKey,
  containerInvariants,
  containerOp,
  type ContainerOp,
  EXHAUSTIVE_MAX_DEPTH,
  exhaustiveActions,
  initialObservationOf,
  lockstepOf,
  showOp,
  type TestReplica,
  viewThrough
} from "../../../spec/container.js"
import { coreAnswer } from "../../../spec/lockstep.js"
import type { ConformanceOptions, ConformanceReport } from "./Conformance.js"
import { check, DEFAULT_MAX_COMMANDS, property, type Suite } from "../internal/conformance.js"

/**
 * A replica as the kit hands it to your implementation. Queries must answer
 * the very objects they were given (the package's container never copies a
 * replica, and the checks compare replicas by identity).
 *
 * @category models
 * @since 0.1.0
 */
export interface ConformanceReplica {
  readonly id: string
  readonly version: string
}

/**
 * Your container, seen through the operations of replicore's (see the
 * README's table). States are strings (`"RUNNING"`, …; a name that is not a
 * state must be refused). Each operation answers as replicore's does: a new
 * container, or a `[taken, container]` pair. A refused operation throws an
 * error whose `_tag` is the tag of replicore's error for that case
 * (`DuplicateReplica`, `UnknownReplica`, `InvalidReplicaState`,
 * `InvalidMaxReplicas`, `ConflictingVersionFilters`, `InvalidReplica`).
 *
 * A mutable implementation gives `copy`: the kit calls it before every
 * operation, so that it can come back to a state. Without `copy` the
 * implementation is taken to be persistent: its inputs are deep-frozen, and
 * C5 checks that every operation leaves them as they were. `addAll` and
 * `iterate` are optional (without them, `addAll` is not drawn, and iteration is
 * read as `get`).
 *
 * @category models
 * @since 0.1.0
 */
export interface ContainerAdapter<C> {
  readonly empty: () => C
  readonly copy?: (self: C) => C
  readonly add: (self: C, state: string, replica: ConformanceReplica) => C
  readonly addAll?: (self: C, state: string, replicas: ReadonlyArray<ConformanceReplica>) => C
  readonly get: (self: C, states?: ReadonlyArray<string>) => ReadonlyArray<ConformanceReplica>
  readonly pop: (
    self: C,
    options: { readonly excludeVersion?: string; readonly states?: ReadonlyArray<string>; readonly maxReplicas?: number }
  ) => readonly [ReadonlyArray<ConformanceReplica>, C]
  readonly count: (
    self: C,
    options: { readonly version?: string; readonly excludeVersion?: string; readonly states?: ReadonlyArray<string> }
  ) => number
  /** A plain object with a count for every state, 0 included. */
  readonly countByState: (self: C) => Readonly<Record<string, number>>
  readonly remove: (self: C, ids: ReadonlyArray<string>) => readonly [ReadonlyArray<ConformanceReplica>, C]
  readonly transition: (self: C, id: string, to: string) => C
  readonly stateOf: (self: C, id: string) => string | undefined
  readonly has: (self: C, id: string) => boolean
  readonly size: (self: C) => number
  readonly iterate?: (self: C) => Iterable<ConformanceReplica>
}

/** The container's invariants that judge any implementation: C6 is about replicore's own error messages. */
const INVARIANTS = containerInvariants.filter((i) => i.id !== "C6")

const options = <T extends object>(op: T, keys: ReadonlyArray<keyof T>): Partial<T> =>
  Object.fromEntries(keys.filter((k) => op[k] !== undefined).map((k) => [k, op[k]])) as Partial<T>

const apply = <C>(a: ContainerAdapter<C>) => (c: C, op: ContainerOp, fresh: ReadonlyArray<TestReplica>) =>
  coreAnswer(c, (): readonly [unknown, C] => {
    switch (op.kind) {
      case "add":
        return [undefined, a.add(c, op.state, fresh[0] as TestReplica)]
      case "addAll":
        if (a.addAll === undefined) throw new Error("addAll is not drawn for an adapter without it")
        return [undefined, a.addAll(c, op.state, fresh)]
      case "get":
        return [a.get(c, op.states), c]
      case "pop": {
        const [taken, rest] = a.pop(c, options(op, ["excludeVersion", "states", "maxReplicas"]))
        return [taken, rest]
      }
      case "count":
        return [a.count(c, options(op, ["version", "excludeVersion", "states"])), c]
      case "countByState":
        return [a.countByState(c), c]
      case "remove": {
        const [removed, rest] = a.remove(c, op.ids)
        return [removed, rest]
      }
      case "transition":
        return [undefined, a.transition(c, op.id, op.to)]
      case "lookup":
        return [{ state: a.stateOf(c, op.id), has: a.has(c, op.id) }, c]
    }
  })

const suiteOf = <C>(a: ContainerAdapter<C>): Suite<undefined, ReturnType<typeof initialObservationOf<C>>, ContainerOp> => {
  const implementation = {
    empty: a.empty,
    apply: apply(a),
    view: viewThrough<C>({
      get: (c, states) => a.get(c, states),
      iterate: (c) => (a.iterate === undefined ? a.get(c) : a.iterate(c)),
      stateOf: a.stateOf,
      has: a.has,
      size: a.size,
      count: (c) => a.count(c, {}),
      countByState: a.countByState
    }),
    ...(a.copy === undefined ? {} : { copy: a.copy })
  }
  const drawn = (op: ContainerOp) => a.addAll !== undefined || op.kind !== "addAll"
  return {
    core: "container",
    setup: fc.constant(undefined),
    start: () => initialObservationOf(implementation),
    op: containerOp.filter(drawn),
    step: lockstepOf(implementation),
    show: showOp,
    invariants: a.copy === undefined ? INVARIANTS : INVARIANTS.filter((i) => i.id !== "C5"),
    exhaustive: {
      initials: [initialObservationOf(implementation)],
      actions: exhaustiveActions.filter(drawn),
      key: canonicalKey,
      maxDepth: EXHAUSTIVE_MAX_DEPTH
    }
  }
}

/**
 * The model-based property of replicore's container suite over your
 * implementation, for `fc.assert` (or `@fast-check/vitest`): random sequences
 * of operations in lockstep with the reference model, every invariant checked
 * after every operation. A failure names the invariant and lists the shrunk
 * operations; fast-check adds the seed and path.
 *
 * @example
 * import { Container } from "replicore"
 * import { containerProperty, type ContainerAdapter } from "replicore/testing"
 * import fc from "fast-check"
 * type C = Container.ReplicaContainer<{ readonly id: string; readonly version: string }>
 * const replicore: ContainerAdapter<C> = {
 *   empty: () => Container.empty(),
 *   add: (c, state, r) => Container.add(c, state as Container.ReplicaState, r),
 *   get: (c, states) => Container.get(c, states === undefined ? {} : { states: states as Array<Container.ReplicaState> }),
 *   pop: (c, o) => Container.pop(c, o as Container.PopOptions),
 *   count: (c, o) => Container.count(c, o as Container.CountOptions),
 *   countByState: (c) => Container.countByState(c),
 *   remove: (c, ids) => Container.remove(c, ids),
 *   transition: (c, id, to) => Container.transition(c, id, to as Container.ReplicaState),
 *   stateOf: (c, id) => Container.stateOf(c, id),
 *   has: (c, id) => Container.has(c, id),
 *   size: (c) => Container.size(c)
 * }
 * fc.assert(containerProperty(replicore), { numRuns: 20, seed: 1 }) // passes
 *
 * @category conformance
 * @since 0.1.0
 */
export const containerProperty = <C>(adapter: ContainerAdapter<C>, maxCommands: number = DEFAULT_MAX_COMMANDS): fc.IProperty<[unknown, unknown]> =>
  property(suiteOf(adapter), maxCommands) as unknown as fc.IProperty<[unknown, unknown]>

/**
 * Runs replicore's container suite against your implementation: the
 * model-based property (`options.numRuns` runs, default 100, with
 * `options.seed`), then the exhaustive exploration of every sequence of
 * operations over 4 ids, 2 versions and the 6 states, to a fixpoint. Every
 * `C*` invariant is checked after every operation, except C6 (replicore's own
 * error messages) and, for a mutable implementation, C5 (inputs unchanged).
 *
 * @throws {ConformanceFailure} naming the invariant, with the seed, the path and the shrunk operations (or a shortest sequence).
 *
 * @example
 * import { Container } from "replicore"
 * import { checkContainer, type ContainerAdapter } from "replicore/testing"
 * type C = Container.ReplicaContainer<{ readonly id: string; readonly version: string }>
 * const replicore: ContainerAdapter<C> = {
 *   empty: () => Container.empty(),
 *   add: (c, state, r) => Container.add(c, state as Container.ReplicaState, r),
 *   get: (c, states) => Container.get(c, states === undefined ? {} : { states: states as Array<Container.ReplicaState> }),
 *   pop: (c, o) => Container.pop(c, o as Container.PopOptions),
 *   count: (c, o) => Container.count(c, o as Container.CountOptions),
 *   countByState: (c) => Container.countByState(c),
 *   remove: (c, ids) => Container.remove(c, ids),
 *   transition: (c, id, to) => Container.transition(c, id, to as Container.ReplicaState),
 *   stateOf: (c, id) => Container.stateOf(c, id),
 *   has: (c, id) => Container.has(c, id),
 *   size: (c) => Container.size(c)
 * }
 * checkContainer(replicore, { numRuns: 20, seed: 1, exhaustive: false }).invariants
 * // ["C1", "C2", "C3", "C4", "C5"]
 *
 * @category conformance
 * @since 0.1.0
 */
export const checkContainer = <C>(adapter: ContainerAdapter<C>, options: ConformanceOptions = {}): ConformanceReport =>
  check(suiteOf(adapter), options)
