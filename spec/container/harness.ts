/**
 * The replica container's harness: the core driven by the model's operations,
 * a lockstep step that applies one operation to both (the core's input
 * deep-frozen) and builds the observation the `C*` invariants read, and the
 * canonical key of an observation for the exhaustive explorer.
 */
import { Container } from "../../src/index.js"
import { deepFreeze } from "../freeze.js"
import { coreAnswer, type Outcome } from "../lockstep.js"
import { asState, type ContainerObservation, sameValue } from "./invariants.js"
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
// Lockstep: one observation holds the core, the model and the last answers.
// ---------------------------------------------------------------------------

/** The observation before any operation. */
export const initialObservation = (): ContainerObservation => ({ core: Container.empty(), model: modelEmpty })

/** The replicas of every state, in `ALL_REPLICA_STATES` order. */
const contents = (c: ReplicaContainer): ReadonlyArray<ReadonlyArray<TestReplica>> =>
  Container.ALL_REPLICA_STATES.map((s) => Container.get(c, { states: [s] }))

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

/**
 * A canonical key of an observation for the explorer: replica ids renamed in
 * order of appearance (ids are interchangeable), versions kept.
 */
export const canonicalKey = (observation: ContainerObservation): string => {
  const names = new Map<string, string>()
  const name = (id: string) => names.get(id) ?? names.set(id, `#${names.size}`).get(id)
  const render = (buckets: ReadonlyArray<ReadonlyArray<TestReplica>>) =>
    buckets.map((b) => b.map((r) => `${name(r.id)}:${r.version}`).join(",")).join("|")
  return `${render(observation.model)}/${render(contents(observation.core))}`
}
