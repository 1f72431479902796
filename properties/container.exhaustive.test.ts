/**
 * Bounded exhaustive check of the replica container: every sequence of
 * operations over 4 replica ids, 2 versions and all 6 states, explored
 * breadth-first to a fixpoint, with every `C*` invariant evaluated after
 * every transition.
 */
import { afterAll, describe, expect, it } from "vitest"
import { Container } from "../src/index.js"
import { explore, type ExploreReport } from "../src/testing/index.js"
import {
  canonicalKey,
  type ContainerObservation,
  type ContainerOp,
  containerInvariants,
  initialObservation,
  showOp,
  step
} from "../spec/container.js"
import { writeReport } from "./support/report.js"

const IDS = ["a", "b", "c", "d"]
const VERSIONS = ["v1", "v2"]
const STATES: ReadonlyArray<string> = Container.ALL_REPLICA_STATES
const MAX_DEPTH = 8

/** Every subset of the ids, each also in reverse order (remove must not care about the argument's order). */
const idSubsets: ReadonlyArray<ReadonlyArray<string>> = Array.from({ length: 1 << IDS.length }, (_, mask) =>
  IDS.filter((_, i) => (mask & (1 << i)) !== 0)).flatMap((s) => (s.length > 1 ? [s, [...s].reverse()] : [s]))

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
const ACTIONS: ReadonlyArray<ContainerOp> = [
  ...STATES.flatMap((state) => IDS.flatMap((id) => VERSIONS.map((version) => ({ kind: "add" as const, state, id, version })))),
  { kind: "add", state: "STOPPED", id: "a", version: "v1" },
  ...["STARTING", "STOPPING"].flatMap((state) =>
    [["a", "b"], ["c", "a"], ["d", "c", "b"], ["b", "b"]].map((ids) => ({
      kind: "addAll" as const,
      state,
      replicas: ids.map((id, i) => ({ id, version: VERSIONS[i % 2] as string }))
    }))
  ),
  ...IDS.flatMap((id) => STATES.map((to) => ({ kind: "transition" as const, id, to }))),
  { kind: "transition", id: "a", to: "STOPPED" },
  ...idSubsets.map((ids) => ({ kind: "remove" as const, ids })),
  { kind: "remove", ids: ["zz", "b"] },
  ...stateLists.flatMap((states) =>
    [undefined, ...VERSIONS].flatMap((excludeVersion) =>
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
  ...IDS.map((id) => ({ kind: "lookup" as const, id }))
]

let report: ExploreReport<ContainerObservation, ContainerOp> | undefined

describe(`container exhaustive (${IDS.length} ids, ${VERSIONS.length} versions, 6 states, depth ≤ ${MAX_DEPTH})`, () => {
  it("keeps every C* invariant in every reachable state, and exhausts the scope", () => {
    report = explore({
      initial: initialObservation(),
      actions: () => ACTIONS,
      step,
      key: canonicalKey,
      invariants: containerInvariants,
      maxDepth: MAX_DEPTH,
      showAction: showOp
    })
    expect(report.counterexample?.trace).toBeUndefined()
    expect(report.complete).toBe(true)
    // Every configuration of 4 ids is reachable by 4 adds, so the search must reach depth 4 and no further.
    expect(report.depth).toBe(IDS.length)
    expect(report.states).toBeGreaterThan(1000)
  })
})

afterAll(() => {
  if (report === undefined) return
  writeReport({
    check: "properties/container.exhaustive.test.ts › exhaustive",
    core: "container",
    kind: "exhaustive",
    bound: `${IDS.length} ids, ${VERSIONS.length} versions, 6 states, ${ACTIONS.length} actions per state, depth ≤ ${MAX_DEPTH}`,
    distinctStates: report.states,
    transitions: report.transitions,
    depth: report.depth,
    complete: report.complete,
    evaluations: report.evaluations
  })
})
