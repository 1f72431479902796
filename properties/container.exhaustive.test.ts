/**
 * Bounded exhaustive check of the replica container: every sequence of
 * operations over 4 replica ids, 2 versions and all 6 states, explored
 * breadth-first to a fixpoint, with every `C*` invariant evaluated after
 * every transition.
 */
import { afterAll, describe, expect, it } from "vitest"
import { explore, type ExploreReport } from "../src/testing/index.js"
import {
  canonicalKey,
  type ContainerObservation,
  type ContainerOp,
  containerInvariants,
  EXHAUSTIVE_IDS,
  EXHAUSTIVE_MAX_DEPTH,
  EXHAUSTIVE_VERSIONS,
  exhaustiveActions,
  initialObservation,
  showOp,
  step
} from "../spec/container.js"
import { writeReport } from "./support/report.js"

const IDS = EXHAUSTIVE_IDS
const VERSIONS = EXHAUSTIVE_VERSIONS
const MAX_DEPTH = EXHAUSTIVE_MAX_DEPTH
const ACTIONS = exhaustiveActions

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
