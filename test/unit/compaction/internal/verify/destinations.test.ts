import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/destinations.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("destinations (K12)", () => {
  it("accepts steps into nodes that accept incoming replicas", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
  })

  it("refuses a step into a cordoned node", () => {
    expect(check(traceOf(planOf([move("x1", "a", "b", 1), move("x2", "b", "c", 2)])))).toEqual(
      Option.some({ invariant: "K12", detail: 'node "c" does not accept incoming replicas', step: 1, wave: 2, node: "c" })
    )
  })

  it("refuses a step to a node the snapshot lacks", () => {
    expect(check(traceOf(planOf([move("x2", "b", "nowhere", 1)])))).toEqual(
      Option.some({ invariant: "K12", detail: 'node "nowhere" does not accept incoming replicas', step: 0, wave: 1, node: "nowhere" })
    )
  })
})
