/**
 * The scopes the container is checked over, shared by the property suites
 * (`properties/container*.test.ts`) and `replicore check`: the operations a
 * model-based run draws, and the actions the exhaustive exploration tries in
 * every state.
 */
import fc from "fast-check"
import * as Container from "../../src/container/index.js"
import type { ContainerOp } from "./model.js"

const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES

/** Enough ids and versions for collisions and version filters to matter within a run. */
export const MODEL_IDS = Array.from({ length: 10 }, (_, i) => `r${i}`)
export const MODEL_VERSIONS = ["v1", "v2", "v3"]

const id = fc.constantFrom(...MODEL_IDS)
const version = fc.constantFrom(...MODEL_VERSIONS)
/** Mostly real states; now and then a name that is not one, to exercise the refusal. */
const state = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...STATES) }, {
  weight: 1,
  arbitrary: fc.constantFrom("STOPPED", "running", "")
})
const states = fc.oneof(
  { weight: 10, arbitrary: fc.shuffledSubarray([...STATES], { minLength: 1 }) },
  { weight: 1, arbitrary: fc.array(state, { minLength: 1, maxLength: 3 }) }
)
const maxReplicas = fc.oneof(
  { weight: 10, arbitrary: fc.nat(12) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -1, 1.5, Number.NaN) }
)
/** Options are left out, not set to `undefined`: only `kind` is required. */
const withOptions = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) =>
  fc.record(fields, { requiredKeys: ["kind"] as Array<keyof T> }) as fc.Arbitrary<never>

/** One random container operation, ids and versions drawn from the model scope. */
export const containerOp: fc.Arbitrary<ContainerOp> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("add" as const), state, id, version }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("addAll" as const),
      state,
      replicas: fc.array(fc.record({ id, version }), { maxLength: 5 })
    })
  },
  { weight: 2, arbitrary: withOptions({ kind: fc.constant("get" as const), states }) },
  {
    weight: 3,
    arbitrary: withOptions({ kind: fc.constant("pop" as const), excludeVersion: version, states, maxReplicas })
  },
  {
    weight: 2,
    arbitrary: withOptions({ kind: fc.constant("count" as const), version, excludeVersion: version, states })
  },
  { weight: 1, arbitrary: fc.constant({ kind: "countByState" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("remove" as const), ids: fc.array(id, { maxLength: 6 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("transition" as const), id, to: state }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("lookup" as const), id }) }
)

export const EXHAUSTIVE_IDS = ["a", "b", "c", "d"]
export const EXHAUSTIVE_VERSIONS = ["v1", "v2"]
/** Every configuration of 4 ids is reachable by 4 adds: the fixpoint is at depth 4, well within 8. */
export const EXHAUSTIVE_MAX_DEPTH = 8

/** Every subset of the ids, each also in reverse order (remove must not care about the argument's order). */
const idSubsets: ReadonlyArray<ReadonlyArray<string>> = Array.from({ length: 1 << EXHAUSTIVE_IDS.length }, (_, mask) =>
  EXHAUSTIVE_IDS.filter((_, i) => (mask & (1 << i)) !== 0)).flatMap((s) => (s.length > 1 ? [s, [...s].reverse()] : [s]))

const stateLists: ReadonlyArray<ReadonlyArray<string> | undefined> = [
  undefined,
  ...STATES.map((s) => [s]),
  ["STOPPING", "STARTING"],
  ["RUNNING", "STARTING", "PENDING_MIGRATION"],
  [...STATES].reverse()
]

const withStates = <T extends object>(op: T, states: ReadonlyArray<string> | undefined) =>
  states === undefined ? op : { ...op, states }

/** The same actions in every state: ids and versions are data, so absent ids exercise the refusals. */
export const exhaustiveActions: ReadonlyArray<ContainerOp> = [
  ...STATES.flatMap((state) =>
    EXHAUSTIVE_IDS.flatMap((id) => EXHAUSTIVE_VERSIONS.map((version) => ({ kind: "add" as const, state, id, version })))
  ),
  { kind: "add", state: "STOPPED", id: "a", version: "v1" },
  ...["STARTING", "STOPPING"].flatMap((state) =>
    [["a", "b"], ["c", "a"], ["d", "c", "b"], ["b", "b"]].map((ids) => ({
      kind: "addAll" as const,
      state,
      replicas: ids.map((id, i) => ({ id, version: EXHAUSTIVE_VERSIONS[i % 2] as string }))
    }))
  ),
  ...EXHAUSTIVE_IDS.flatMap((id) => STATES.map((to) => ({ kind: "transition" as const, id, to }))),
  { kind: "transition", id: "a", to: "STOPPED" },
  ...idSubsets.map((ids) => ({ kind: "remove" as const, ids })),
  { kind: "remove", ids: ["zz", "b"] },
  ...stateLists.flatMap((states) =>
    [undefined, ...EXHAUSTIVE_VERSIONS].flatMap((excludeVersion) =>
      [undefined, 0, 1, 2].map((maxReplicas) =>
        withStates({
          kind: "pop" as const,
          ...(excludeVersion === undefined ? {} : { excludeVersion }),
          ...(maxReplicas === undefined ? {} : { maxReplicas })
        }, states)
      )
    )
  ),
  { kind: "pop", maxReplicas: -1 },
  { kind: "pop", maxReplicas: 0.5 },
  { kind: "pop", states: ["RUNNING", "STOPPED"] },
  ...stateLists.map((states) => withStates({ kind: "get" as const }, states)),
  ...stateLists.flatMap((states) =>
    [{}, { version: "v1" }, { version: "v2" }, { excludeVersion: "v1" }, { excludeVersion: "v3" }].map((filter) =>
      withStates({ kind: "count" as const, ...filter }, states)
    )
  ),
  { kind: "count", version: "v1", excludeVersion: "v2" },
  { kind: "countByState" },
  ...EXHAUSTIVE_IDS.map((id) => ({ kind: "lookup" as const, id }))
]
