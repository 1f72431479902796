/**
 * The explorer itself: exact counts on a system small enough to count by
 * hand, shortest counterexamples, bounds, and a seeded bug in the container.
 */
import { describe, expect, it } from "vitest"
import { Container } from "../../../src/index.js"
import { explore } from "../../../src/testing/index.js"
import {
  applyToCore,
  canonicalKey,
  type ContainerOp,
  containerInvariants,
  type CoreDriver,
  initialObservation,
  lockstep,
  showOp
} from "../../../spec/container.js"

/** A counter modulo 5, stepping by 1 or 2. */
const counter = {
  initial: 0,
  actions: () => [1, 2],
  step: (n: number, by: number) => (n + by) % 5,
  key: String
}

describe("explore", () => {
  it("counts states, transitions and depth exactly, and reports a fixpoint as complete", () => {
    // Level 0: {0} → 1, 2. Level 1: {1, 2} → 3, 4 (and 3 again). Level 2: {3, 4} → 0, 1, 4 (nothing new).
    const report = explore({ ...counter, invariants: [{ id: "small", holds: (n) => n < 5 }], maxDepth: 10 })
    expect(report).toMatchObject({ complete: true, states: 5, transitions: 10, depth: 2 })
    expect(report.counterexample).toBeUndefined()
    expect(report.evaluations).toEqual({ small: 11 }) // the initial state and the 10 successors
  })

  it("is incomplete when the depth bound stops it before the fixpoint", () => {
    const report = explore({ ...counter, invariants: [], maxDepth: 1 })
    expect(report).toMatchObject({ complete: false, states: 3, transitions: 2, depth: 1 })
  })

  it("is incomplete when the state bound stops it", () => {
    expect(explore({ ...counter, invariants: [], maxDepth: 10, maxStates: 2 }).complete).toBe(false)
  })

  it("returns a shortest counterexample with a readable trace", () => {
    const report = explore({
      ...counter,
      invariants: [{ id: "not-four", holds: (n) => n !== 4 }],
      maxDepth: 10,
      showAction: (by) => `+${by}`
    })
    expect(report.counterexample?.invariant).toBe("not-four")
    expect(report.counterexample?.actions).toHaveLength(2) // 0 → 2 → 4; 0 → 1 → 2 → 4 is longer
    expect(report.counterexample?.actions).toEqual([2, 2])
    expect(report.counterexample?.trace).toBe("invariant not-four fails after 2 step(s):\n  1. +2\n  2. +2")
  })

  it("reports a violation in the initial state with an empty trace", () => {
    const report = explore({ ...counter, invariants: [{ id: "never", holds: () => false }], maxDepth: 3 })
    expect(report.counterexample?.actions).toEqual([])
    expect(report.complete).toBe(false)
  })

  it("reports a step that throws as a counterexample", () => {
    const report = explore({
      ...counter,
      step: (n: number, by: number) => {
        if (n === 3) throw new Error("boom")
        return (n + by) % 5
      },
      invariants: [],
      maxDepth: 10
    })
    expect(report.counterexample?.invariant).toBe("step threw")
    expect(report.counterexample?.state).toBe(3)
    expect(report.counterexample?.trace).toContain("boom")
  })

  it("catches a seeded bug in the container with the shortest trace", () => {
    // The bug: remove returns replicas in the argument's order instead of state order.
    const buggy: CoreDriver = (c, op, fresh) => {
      const [outcome, next] = applyToCore(c, op, fresh)
      if (op.kind !== "remove" || !outcome.ok) return [outcome, next]
      const taken = outcome.value as ReadonlyArray<{ id: string }>
      const byArgument = op.ids.flatMap((id) => taken.filter((r) => r.id === id))
      return [{ ok: true, value: byArgument }, next]
    }
    const actions: ReadonlyArray<ContainerOp> = [
      ...["a", "b"].flatMap((id) => (["STARTING", "RUNNING"] as const).map((state) => ({ kind: "add" as const, state, id, version: "v1" }))),
      { kind: "remove", ids: ["a", "b"] },
      { kind: "remove", ids: ["b", "a"] }
    ]
    const report = explore({
      initial: initialObservation(),
      actions: () => actions,
      step: lockstep(buggy),
      key: canonicalKey,
      invariants: containerInvariants,
      maxDepth: 6,
      showAction: showOp
    })
    // Two adds, then a remove whose argument order differs from the container's order: 3 steps, no fewer.
    expect(report.counterexample?.invariant).toBe("C4")
    expect(report.counterexample?.actions).toHaveLength(3)
    expect(report.counterexample?.actions[2]?.kind).toBe("remove")
    expect(Container.size(report.counterexample!.state.core)).toBe(0)
  })
})
