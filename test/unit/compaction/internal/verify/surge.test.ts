import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/surge.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("surge (K2)", () => {
  it("accepts up to maxSurge steps of a deployment per wave", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
    expect(check(traceOf(planOf([move("x2", "b", "d", 1), move("x1", "a", "b", 1)])))).toEqual(Option.none())
  })

  it("refuses more steps of a deployment in one wave than its maxSurge", () => {
    const plan = planOf([move("x2", "b", "d", 1), move("x1", "a", "b", 1), move("u1", "a", "b", 1)])
    expect(check(traceOf(plan))).toEqual(
      Option.some({ invariant: "K2", detail: '3 replicas of deployment "x" in flight, maxSurge is 2', wave: 1, step: 2, replica: "u1" })
    )
  })

  it("refuses any step of a deployment whose maxSurge is 0", () => {
    expect(check(traceOf(planOf([move("y1", "d", "b", 1)])))).toEqual(
      Option.some({ invariant: "K2", detail: 'deployment "y" has maxSurge 0: its replicas never move', wave: 1, step: 0, replica: "y1" })
    )
  })

  it("refuses a step naming a deployment the snapshot lacks, as one whose maxSurge is 0", () => {
    expect(check(traceOf(planOf([move("x2", "b", "d", 1, "unknown")])))).toEqual(
      Option.some({ invariant: "K2", detail: 'deployment "unknown" has maxSurge 0: its replicas never move', wave: 1, step: 0, replica: "x2" })
    )
  })
})
