import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/perNode.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("maxReplicasPerNode in flight (K3)", () => {
  it("accepts destinations within the limit during every wave", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
  })

  it("refuses an arrival that takes a node over its deployment's limit, counting the replicas still departing", () => {
    expect(check(traceOf(planOf([move("x2", "b", "a", 1)])))).toEqual(
      Option.some({ invariant: "K3", detail: '3 replicas of deployment "x" during the wave, maxReplicasPerNode is 2', wave: 1, step: 0, node: "a" })
    )
  })
})
