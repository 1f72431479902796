/**
 * The replica container's harness: the core driven by the model's operations,
 * a lockstep step that applies one operation to both (the core's input
 * deep-frozen) and builds the observation the `C*` invariants read, and the
 * canonical key of an observation for the exhaustive explorer.
 */
import { Container } from "../../src/index.js"
import { deepFreeze } from "../freeze.js"
import { coreAnswer, type Outcome } from "../lockstep.js"
import { asState, type ContainerObservation, type ContainerView, coreView, sameValue, viewOf } from "./invariants.js"
import { applyToModel, type ContainerOp, modelEmpty, type TestReplica } from "./model.js"

type ReplicaContainer = Container.ReplicaContainer<TestReplica>

/** The replica objects an operation stores: fresh frozen objects, shared by core and model. */
export const replicasOf = (op: ContainerOp): ReadonlyArray<TestReplica> => {
  const make = (r: { readonly id: string; readonly version: string }) => Object.freeze({ id: r.id, version: r.version })
  if (op.kind === "add") return [make(op)]
  if (op.kind === "addAll") return op.replicas.map(make)
  return []
}

// ---------------------------------------------------------------------------
// The core, driven by the same operations.
// ---------------------------------------------------------------------------

/** Applies one operation to the core: its answer and the next container. */
export const applyToCore = (
  container: ReplicaContainer,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [Outcome, ReplicaContainer] => coreAnswer(container, () => coreStep(container, op, fresh))

type States = ReadonlyArray<Container.ReplicaState>
const statesOption = (states: ReadonlyArray<string> | undefined) =>
  states === undefined ? {} : { states: states as States }

const coreStep = (
  c: ReplicaContainer,
  op: ContainerOp,
  fresh: ReadonlyArray<TestReplica>
): readonly [unknown, ReplicaContainer] => {
  const ok = (value: unknown, next: ReplicaContainer = c) => [value, next] as const
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
// Lockstep: one observation holds the core, its view, the model and the last answers.
// ---------------------------------------------------------------------------

/**
 * An implementation the lockstep runs: the package's container, a
 * deliberately broken variant in the checks' own tests, or a user's (the
 * conformance kit of `replicore/testing` adapts one). A persistent one gets
 * its input deep-frozen and compared after each operation (C5); a mutable one
 * is given a `copy` to work on, so the state the checks hold is never changed.
 */
export interface ContainerImplementation<C> {
  readonly empty: () => C
  readonly apply: (c: C, op: ContainerOp, fresh: ReadonlyArray<TestReplica>) => readonly [Outcome, C]
  readonly view: (c: C) => ContainerView
  readonly copy?: (c: C) => C
}

/** The observation before any operation. */
export const initialObservationOf = <C>(impl: ContainerImplementation<C>): ContainerObservation<C> => {
  const core = impl.empty()
  return { core, view: impl.view(core), model: modelEmpty }
}

/** The observation of the package's container before any operation. */
export const initialObservation = (): ContainerObservation =>
  initialObservationOf({ empty: () => Container.empty<TestReplica>(), apply: applyToCore, view: coreView })

/**
 * A lockstep step over an implementation: applies `op` to it (its input
 * deep-frozen, or a copy for a mutable one) and to the model, and returns the
 * next observation with both answers and the implementation's new view.
 */
export const lockstepOf = <C>(impl: ContainerImplementation<C>) =>
(observation: ContainerObservation<C>, op: ContainerOp): ContainerObservation<C> => {
  const fresh = replicasOf(op)
  const [modelOutcome, model] = applyToModel(observation.model, op, fresh)
  if (impl.copy !== undefined) {
    // A mutable implementation works on a copy: the state the checks hold is intact by construction.
    const [coreOutcome, core] = impl.apply(impl.copy(observation.core), op, fresh)
    return { core, view: impl.view(core), model, last: { op, coreOutcome, modelOutcome, inputIntact: true } }
  }
  const input = deepFreeze(observation.core)
  const before = (observation.view ?? impl.view(input)).byState
  const [coreOutcome, core] = impl.apply(input, op, fresh)
  const inputIntact = sameValue(before, impl.view(input).byState)
  return { core, view: impl.view(core), model, last: { op, coreOutcome, modelOutcome, inputIntact } }
}

/** How a check drives the core: `applyToCore`, or a deliberately broken variant in the checks' own tests. */
export type CoreDriver = typeof applyToCore

/** A lockstep step of the package's container over a driver. */
export const lockstep = (driver: CoreDriver) =>
  lockstepOf<ReplicaContainer>({ empty: () => Container.empty<TestReplica>(), apply: driver, view: coreView })

/** The lockstep step of the real core. */
export const step = lockstep(applyToCore)

/**
 * A canonical key of an observation for the explorer: replica ids renamed in
 * order of appearance (ids are interchangeable), versions kept.
 */
export const canonicalKey = (observation: ContainerObservation<unknown>): string => {
  const names = new Map<string, string>()
  const name = (id: string) => names.get(id) ?? names.set(id, `#${names.size}`).get(id)
  const render = (buckets: ReadonlyArray<ReadonlyArray<TestReplica>>) =>
    buckets.map((b) => b.map((r) => `${name(r.id)}:${r.version}`).join(",")).join("|")
  return `${render(observation.model)}/${render(viewOf(observation).byState)}`
}
