import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check } from "../../../../../src/compaction/internal/verify/metrics.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("waves and metrics (K13)", () => {
  it("accepts waves numbered 1..W and metrics that match the replay, costs aside", () => {
    expect(check(traceOf(good))).toEqual(Option.none())
    expect(check(traceOf(planOf(good.steps, good.released, { metrics: { costAfter: 99, migrationCost: 99 } })))).toEqual(Option.none())
  })

  it("refuses a gap in the wave numbers", () => {
    expect(check(traceOf(planOf([move("x2", "b", "d", 1), move("x1", "a", "b", 3)])))).toEqual(
      Option.some({ invariant: "K13", detail: "waves are not numbered 1..2" })
    )
  })

  it.each([
    ["nodesBefore", 2, "metrics.nodesBefore is 2, the replay says 3"],
    ["nodesAfter", 3, "metrics.nodesAfter is 3, the replay says 2"],
    ["migrations", 0, "metrics.migrations is 0, the replay says 1"],
    ["waves", 2, "metrics.waves is 2, the replay says 1"]
  ] as const)("refuses a wrong %s", (key, value, detail) => {
    expect(check(traceOf(planOf(good.steps, good.released, { metrics: { [key]: value } })))).toEqual(
      Option.some({ invariant: "K13", detail })
    )
  })
})
