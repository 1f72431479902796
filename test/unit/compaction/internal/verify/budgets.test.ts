import { Option } from "effect"
import { describe, expect, it } from "vitest"
import { check, spent } from "../../../../../src/compaction/internal/verify/budgets.js"
import { good, move, planOf, traceOf } from "./fixtures.js"

describe("budgets (K7)", () => {
  const twoInOneWave = planOf([move("x2", "b", "d", 1), move("x1", "a", "b", 1)])

  it("sums the steps' migration costs, 1 (the schema's default) for a step naming no deployment of the snapshot", () => {
    expect(spent(traceOf(twoInOneWave))).toBe(4)
    expect(spent(traceOf(planOf([move("x2", "b", "d", 1, "unknown")])))).toBe(1)
  })

  it("sets no limit for an option left out", () => {
    expect(check(traceOf(twoInOneWave))).toEqual(Option.none())
  })

  it("accepts a plan at its budget and limit", () => {
    expect(check(traceOf(twoInOneWave, { migrationBudget: 4, maxConcurrentMigrations: 2 }))).toEqual(Option.none())
  })

  it("refuses a plan over its budget", () => {
    expect(check(traceOf(good, { migrationBudget: 1 }))).toEqual(
      Option.some({ invariant: "K7", detail: "migration cost 2 exceeds the budget 1" })
    )
  })

  it("refuses a wave over the concurrency limit", () => {
    expect(check(traceOf(twoInOneWave, { maxConcurrentMigrations: 1 }))).toEqual(
      Option.some({ invariant: "K7", detail: "2 steps in one wave, the limit is 1", wave: 1 })
    )
  })
})
