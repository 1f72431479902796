/** `Runtime.planWithin`: the planner under a time budget on effect's Clock. */
import { Effect, Either, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction, Runtime } from "../../../src/index.js"
import * as Generators from "../../../src/testing/generators.js"

describe("Runtime.planWithin (the planner under a time budget)", () => {
  const s = Compaction.validateOrThrow(Generators.residue({ nodes: 60 }, 3).snapshot)

  it("equals the pure plan when the budget is not reached", () => {
    expect(JSON.stringify(Effect.runSync(Runtime.planWithin(s)))).toBe(JSON.stringify(Compaction.plan(s)))
  })

  it("returns the best safe plan so far when the clock runs out, marked incomplete", () => {
    // Under TestClock time stands still unless adjusted: a zero budget stops after the first attempt.
    const plan = Effect.runSync(Runtime.planWithin(s, { timeBudgetMs: 0 }).pipe(Effect.provide(TestContext.TestContext)))
    expect(plan.metrics.complete).toBe(false)
    expect(Either.isRight(Compaction.verify(s, plan))).toBe(true)
    expect(plan.released.length).toBeGreaterThan(0)
  })

  it("fails with InvalidOptions on bad options", () => {
    const exit = Effect.runSyncExit(Runtime.planWithin(s, { timeBudgetMs: -5 }))
    expect(exit._tag).toBe("Failure")
  })
})
