import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/outcome.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("outcome (K9)", () => {
  it("accepts a plan that lowers the node count, and an empty plan", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
    expect(check(traceOf(planOf([])))).toEqual(Option.none())
  })

  it("accepts a plan that lowers only the cost (y1 leaves d, cost 3, for e, cost 1)", () => {
    expect(check(traceOf(planOf([move("y1", "d", "e", 1)])))).toEqual(Option.none())
  })

  it("refuses a plan that raises the node count", () => {
    expect(check(traceOf(planOf([move("x1", "a", "e", 1)])))).toEqual(
      Option.some({ invariant: "K9", detail: "the plan raises the node count from 3 to 4" })
    )
  })

  it("refuses a plan that raises the cost (x2 leaves b, cost 1, for c, cost 4)", () => {
    expect(check(traceOf(planOf([move("x2", "b", "c", 1)])))).toEqual(
      Option.some({ invariant: "K9", detail: "the plan raises the cost from 5 to 8" })
    )
  })

  it("refuses moves for nothing", () => {
    expect(check(traceOf(planOf([move("x2", "b", "a", 1), move("x1", "a", "b", 1)])))).toEqual(
      Option.some({ invariant: "K9", detail: "2 migrations that lower neither the node count nor the cost" })
    )
  })
})
