/** `Runtime.planWithin`: the planner under a time budget on effect's Clock. */
import { Clock, Effect, Either, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction, Runtime } from "../../../src/index.js"
import * as Generators from "../../../src/testing/generators.js"

/** A clock that moves `msPerRead` forward every time it is read: each step of the search costs one read. */
const ticking = (msPerRead: number): Clock.Clock => {
  let now = 0
  const read = () => (now += msPerRead)
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: read,
    unsafeCurrentTimeNanos: () => BigInt(read()) * 1_000_000n,
    currentTimeMillis: Effect.sync(read),
    currentTimeNanos: Effect.sync(() => BigInt(read()) * 1_000_000n),
    sleep: () => Effect.void
  }
}

const withBudget = (s: Compaction.Snapshot, timeBudgetMs: number) =>
  Effect.runSync(Runtime.planWithin(s, { timeBudgetMs }).pipe(Effect.withClock(ticking(1))))

/** The plan of a search stepped exactly n times. */
const afterSteps = (s: Compaction.Snapshot, options: Compaction.PlanOptions, n: number): Compaction.Plan => {
  let search = Compaction.Search.start(s, options)
  for (let i = 0; i < n && !Compaction.Search.isDone(search); i++) search = Compaction.Search.step(search)
  return Compaction.Search.best(search)
}

describe("Runtime.planWithin (the planner under a time budget)", () => {
  const s = Compaction.validateOrThrow(Generators.residue({ nodes: 60 }, 3).snapshot)

  it("equals the pure plan when the budget is not reached", () => {
    expect(JSON.stringify(Effect.runSync(Runtime.planWithin(s)))).toBe(JSON.stringify(Compaction.plan(s)))
    const generous = withBudget(s, 1_000_000)
    expect(generous.metrics.complete).toBe(true)
    expect(JSON.stringify(generous)).toBe(JSON.stringify(Compaction.plan(s)))
  })

  it("takes no step when the clock does not move past a zero budget: an empty plan, marked incomplete", () => {
    const plan = Effect.runSync(Runtime.planWithin(s, { timeBudgetMs: 0 }).pipe(Effect.provide(TestContext.TestContext)))
    expect(plan.metrics.complete).toBe(false)
    expect(plan.steps).toEqual([])
    expect(Either.isRight(Compaction.verify(s, plan))).toBe(true)
  })

  it("steps while the budget lasts, one clock read per step, and returns the best safe plan so far", () => {
    const options = Either.getOrThrow(Compaction.planOptions({ timeBudgetMs: 30 }))
    const plan = withBudget(s, 30)
    // The deadline is read at 1 ms and checked at 2, 3, … 31 ms: 29 steps run.
    expect(JSON.stringify(plan)).toBe(JSON.stringify(afterSteps(s, options, 29)))
    expect(plan.metrics.complete).toBe(false)
    expect(plan.released.length).toBeGreaterThan(0)
    expect(Either.isRight(Compaction.verify(s, plan))).toBe(true)
  })

  it("says complete exactly when the search finished", () => {
    let steps = 0
    for (let search = Compaction.Search.start(s); !Compaction.Search.isDone(search); steps++) search = Compaction.Search.step(search)
    expect(withBudget(s, steps + 1).metrics.complete).toBe(true)
    expect(withBudget(s, steps).metrics.complete).toBe(false)
  })

  it("fails with InvalidOptions on bad options", () => {
    const exit = Effect.runSyncExit(Runtime.planWithin(s, { timeBudgetMs: -5 }))
    expect(exit._tag).toBe("Failure")
  })
})
