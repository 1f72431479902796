/**
 * The replica container's checks: model-based (random operations in
 * lockstep with the reference model of `spec/container`) and exhaustive
 * (every sequence over 4 ids, 2 versions and 6 states, to a fixpoint).
 * The operations are those of `properties/container*.test.ts`.
 *
 * @since 0.1.0
 */
import fc from "fast-check"
import {
  canonicalKey,
  type ContainerObservation,
  type ContainerOp,
  containerInvariants,
  initialObservation,
  showOp,
  step
} from "../../../spec/container.js"
import { Container } from "../../index.js"
import type { Check } from "./Check.js"
import { exhaustiveCheck } from "./exhaustive.js"
import { modelCheck } from "./modelRun.js"

const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES
/** Enough ids and versions for collisions and version filters to matter within 60 operations. */
const IDS = Array.from({ length: 10 }, (_, i) => `r${i}`)
const VERSIONS = ["v1", "v2", "v3"]
const MAX_COMMANDS = 60

const id = fc.constantFrom(...IDS)
const version = fc.constantFrom(...VERSIONS)
/** Mostly real states; now and then a name that is not one, to exercise the refusal. */
const state = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...STATES) }, { weight: 1, arbitrary: fc.constantFrom("STOPPED", "running", "") })
const states = fc.oneof(
  { weight: 10, arbitrary: fc.shuffledSubarray([...STATES], { minLength: 1 }) },
  { weight: 1, arbitrary: fc.array(state, { minLength: 1, maxLength: 3 }) }
)
const maxReplicas = fc.oneof({ weight: 10, arbitrary: fc.nat(12) }, { weight: 1, arbitrary: fc.constantFrom(Infinity, -1, 1.5, Number.NaN) })
/** Options are left out, not set to `undefined`: only `kind` is required. */
const withOptions = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(fields, { requiredKeys: ["kind"] as Array<keyof T> }) as fc.Arbitrary<never>

const op: fc.Arbitrary<ContainerOp> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("add" as const), state, id, version }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("addAll" as const), state, replicas: fc.array(fc.record({ id, version }), { maxLength: 5 }) }) },
  { weight: 2, arbitrary: withOptions({ kind: fc.constant("get" as const), states }) },
  { weight: 3, arbitrary: withOptions({ kind: fc.constant("pop" as const), excludeVersion: version, states, maxReplicas }) },
  { weight: 2, arbitrary: withOptions({ kind: fc.constant("count" as const), version, excludeVersion: version, states }) },
  { weight: 1, arbitrary: fc.constant({ kind: "countByState" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("remove" as const), ids: fc.array(id, { maxLength: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("transition" as const), id, to: state }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("lookup" as const), id }) }
)

const modelBased = modelCheck<undefined, ContainerObservation, ContainerOp, ContainerObservation>({
  name: "container model-based",
  core: "container",
  scope: `${IDS.length} ids, ${VERSIONS.length} versions`,
  setup: fc.constant(undefined),
  start: initialObservation,
  op,
  maxCommands: MAX_COMMANDS,
  step,
  observe: (o) => o,
  invariants: containerInvariants,
  show: showOp,
  key: (o) => JSON.stringify(o.model),
  checkStart: false,
  runsFor: (runs) => runs
})

const EXHAUSTIVE_IDS = ["a", "b", "c", "d"]
const EXHAUSTIVE_VERSIONS = ["v1", "v2"]
/** Every configuration of 4 ids is reachable by 4 adds: the fixpoint is at depth 4, well within 8. */
const MAX_DEPTH = 8

const idSubsets: ReadonlyArray<ReadonlyArray<string>> = Array.from({ length: 1 << EXHAUSTIVE_IDS.length }, (_, mask) =>
  EXHAUSTIVE_IDS.filter((_, i) => (mask & (1 << i)) !== 0)).flatMap((s) => (s.length > 1 ? [s, [...s].reverse()] : [s]))
const stateLists: ReadonlyArray<ReadonlyArray<string> | undefined> = [
  undefined,
  ...STATES.map((s) => [s]),
  ["STOPPING", "STARTING"],
  ["RUNNING", "STARTING", "PENDING_MIGRATION"],
  [...STATES].reverse()
]
const withStates = <T extends object>(o: T, s: ReadonlyArray<string> | undefined) => (s === undefined ? o : { ...o, states: s })

/** The same actions in every state: ids and versions are data, so absent ids exercise the refusals. */
const ACTIONS: ReadonlyArray<ContainerOp> = [
  ...STATES.flatMap((s) => EXHAUSTIVE_IDS.flatMap((i) => EXHAUSTIVE_VERSIONS.map((v) => ({ kind: "add" as const, state: s, id: i, version: v })))),
  { kind: "add", state: "STOPPED", id: "a", version: "v1" },
  ...["STARTING", "STOPPING"].flatMap((s) =>
    [["a", "b"], ["c", "a"], ["d", "c", "b"], ["b", "b"]].map((ids) => ({
      kind: "addAll" as const,
      state: s,
      replicas: ids.map((i, k) => ({ id: i, version: EXHAUSTIVE_VERSIONS[k % 2] as string }))
    }))
  ),
  ...EXHAUSTIVE_IDS.flatMap((i) => STATES.map((to) => ({ kind: "transition" as const, id: i, to }))),
  { kind: "transition", id: "a", to: "STOPPED" },
  ...idSubsets.map((ids) => ({ kind: "remove" as const, ids })),
  { kind: "remove", ids: ["zz", "b"] },
  ...stateLists.flatMap((s) =>
    [undefined, ...EXHAUSTIVE_VERSIONS].flatMap((excludeVersion) =>
      [undefined, 0, 1, 2].map((max) =>
        withStates({
          kind: "pop" as const,
          ...(excludeVersion === undefined ? {} : { excludeVersion }),
          ...(max === undefined ? {} : { maxReplicas: max })
        }, s)
      )
    )
  ),
  { kind: "pop", maxReplicas: -1 },
  { kind: "pop", maxReplicas: 0.5 },
  { kind: "pop", states: ["RUNNING", "STOPPED"] },
  ...stateLists.map((s) => withStates({ kind: "get" as const }, s)),
  ...stateLists.flatMap((s) =>
    [{}, { version: "v1" }, { version: "v2" }, { excludeVersion: "v1" }, { excludeVersion: "v3" }].map((filter) =>
      withStates({ kind: "count" as const, ...filter }, s)
    )
  ),
  { kind: "count", version: "v1", excludeVersion: "v2" },
  { kind: "countByState" },
  ...EXHAUSTIVE_IDS.map((i) => ({ kind: "lookup" as const, id: i }))
]

const exhaustive = exhaustiveCheck<ContainerObservation, ContainerOp, ContainerObservation>({
  name: "container exhaustive",
  core: "container",
  scope: `${EXHAUSTIVE_IDS.length} ids, ${EXHAUSTIVE_VERSIONS.length} versions, 6 states, ${ACTIONS.length} actions per state, depth ≤ ${MAX_DEPTH}`,
  initials: [initialObservation()],
  actions: () => ACTIONS,
  step,
  key: canonicalKey,
  observe: (o) => o,
  invariants: containerInvariants,
  maxDepth: MAX_DEPTH,
  show: showOp
})

/**
 * The container's checks.
 *
 * @since 0.1.0
 */
export const containerChecks: ReadonlyArray<Check> = [modelBased, exhaustive]
