import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check, peakUtilization } from "../../../../../src/compaction/internal/verify/capacity.js"
import * as Trace from "../../../../../src/compaction/internal/verify/trace.js"
import { Compaction } from "../../../../../src/index.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("capacity (K1)", () => {
  it("accepts a plan whose destinations fit during every wave", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
    // b receives x1 while x2 is still leaving it: 2 of 2.
    expect(check(traceOf(planOf([move("x1", "a", "b", 1), move("x2", "b", "d", 1)])))).toEqual(Option.none())
  })

  it("refuses an arrival over capacity while the departing replicas still count, though the final placement fits", () => {
    const swap = planOf([move("x1", "a", "b", 1), move("x2", "b", "a", 1)])
    expect(check(traceOf(swap))).toEqual(
      Option.some({ invariant: "K1", detail: "CPU load 3 exceeds capacity 2 during the wave", wave: 1, step: 1, node: "a" })
    )
  })

  it("refuses a resource the destination does not have", () => {
    const s = Compaction.validateOrThrow({
      nodes: [{ id: "p", capacity: { CPU: 4, GPU: 1 } }, { id: "q", capacity: { CPU: 4 } }],
      deployments: [{ id: "g", demand: { CPU: 1, GPU: 1 } }],
      replicas: [{ id: "r", deployment: "g", node: "p" }]
    })
    const plan = { ...good, steps: [{ replica: "r", deployment: "g", from: "p", to: "q", wave: 1 }] }
    expect(check(Trace.make(s, plan, {}))).toEqual(
      Option.some({ invariant: "K1", detail: "GPU load 1 exceeds capacity 0 during the wave", wave: 1, step: 0, node: "q" })
    )
  })

  it("takes the peak share from the snapshot itself and from the destinations during the waves", () => {
    const s = Compaction.validateOrThrow({
      nodes: [{ id: "p", capacity: { CPU: 4 } }, { id: "q", capacity: { CPU: 8 } }],
      deployments: [{ id: "d", demand: { CPU: 2 } }],
      replicas: [{ id: "r1", deployment: "d", node: "p" }, { id: "r2", deployment: "d", node: "q" }]
    })
    expect(peakUtilization(Trace.make(s, { ...good, steps: [] }, {}))).toBe(0.5)
    const toQ = { ...good, steps: [{ replica: "r1", deployment: "d", from: "p", to: "q", wave: 1 }] }
    expect(peakUtilization(Trace.make(s, toQ, {}))).toBe(0.5)
    const toP = { ...good, steps: [{ replica: "r2", deployment: "d", from: "q", to: "p", wave: 1 }] }
    expect(peakUtilization(Trace.make(s, toP, {}))).toBe(1)
  })

  it("leaves a resource the node has none of out of the peak share (a zero demand on no capacity is no share)", () => {
    // p does not list GPU, q lists 0 of it; r1 asks for 0 GPU. The peak is r1's CPU: 2 of 4 on p, 2 of 8 on q.
    const s = Compaction.validateOrThrow({
      nodes: [{ id: "p", capacity: { CPU: 4 } }, { id: "q", capacity: { CPU: 8, GPU: 0 } }],
      deployments: [{ id: "d", demand: { GPU: 0, CPU: 2 } }],
      replicas: [{ id: "r1", deployment: "d", node: "p" }]
    })
    expect(peakUtilization(Trace.make(s, { ...good, steps: [] }, {}))).toBe(0.5)
    const toQ = { ...good, steps: [{ replica: "r1", deployment: "d", from: "p", to: "q", wave: 1 }] }
    expect(peakUtilization(Trace.make(s, toQ, {}))).toBe(0.5)
  })

  it("refuses a step to a node the snapshot lacks: it has no capacity", () => {
    expect(check(traceOf(planOf([move("x2", "b", "nowhere", 1)])))).toEqual(
      Option.some({ invariant: "K1", detail: "CPU load 1 exceeds capacity 0 during the wave", wave: 1, step: 0, node: "nowhere" })
    )
  })
})
