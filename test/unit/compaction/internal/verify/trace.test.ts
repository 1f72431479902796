import { describe, expect, it } from "vitest"
import * as Trace from "../../../../../src/compaction/internal/verify/trace.js"
import { deepFreeze } from "../../../../../spec/freeze.js"
import { move, planOf, snapshot, traceOf } from "./fixtures.js"

describe("Trace", () => {
  const plan = deepFreeze(planOf([move("x2", "b", "d", 2), move("x1", "a", "b", 1), move("y1", "d", "b", 2)]))

  it("groups the steps by wave, ascending, each with its index", () => {
    const trace = traceOf(plan)
    expect(trace.waves.map((w) => [w.number, w.steps.map((s) => s.index)])).toEqual([[1, [1]], [2, [0, 2]]])
  })

  it("places every replica before and after the steps", () => {
    const trace = traceOf(plan)
    expect(Object.fromEntries(trace.start)).toEqual({ x1: "a", u1: "a", x2: "b", y1: "d" })
    expect(Object.fromEntries(trace.end)).toEqual({ x1: "b", u1: "a", x2: "d", y1: "b" })
  })

  it("looks the snapshot's items up by id", () => {
    const trace = traceOf(plan)
    expect(trace.nodes.get("d")?.cost).toBe(3)
    expect(trace.deployments.get("y")?.maxSurge).toBe(0)
    expect(trace.replicas.get("u1")?.movable).toBe(false)
  })

  it("names the non-empty nodes of a placement and sums their cost", () => {
    const trace = traceOf(plan)
    expect([...Trace.nonEmpty(trace.end)].sort()).toEqual(["a", "b", "d"])
    expect(Trace.costOf(trace, new Set(["b", "d"]))).toBe(4)
    expect(snapshot.nodes).toHaveLength(5)
  })
})
