/** `Compaction.Search`: the planner's search step by step; every partial plan verifies, the end is `plan`. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../src/index.js"
import * as Generators from "../../../src/testing/generators.js"

const { Search } = Compaction

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

describe("Compaction.Search", () => {
  const residue = Compaction.validateOrThrow(Generators.residue({ nodes: 60 }, 3).snapshot)
  const pinned = Compaction.validateOrThrow(Generators.pinned({ nodes: 40 }, 2).snapshot)

  it("run to the end gives exactly Compaction.plan", () => {
    for (const s of [residue, pinned]) {
      expect(JSON.stringify(Search.best(Search.run(Search.start(s))))).toBe(JSON.stringify(Compaction.plan(s)))
    }
    const options = Either.getOrThrow(Compaction.planOptions({ migrationBudget: 5, maxConcurrentMigrations: 2 }))
    expect(JSON.stringify(Search.best(Search.run(Search.start(residue, options))))).toBe(
      JSON.stringify(Compaction.plan(residue, { migrationBudget: 5, maxConcurrentMigrations: 2 }))
    )
  })

  it("gives a plan that verifies after every step, marked incomplete until the search is done", () => {
    let search = Search.start(residue)
    let steps = 0
    let releasedEarly = false
    while (!Search.isDone(search)) {
      const plan = Search.best(search)
      expect(plan.metrics.complete).toBe(false)
      const verdict = Compaction.verify(residue, plan)
      if (Either.isLeft(verdict)) throw new Error(`step ${steps}: ${verdict.left.message}`)
      if (plan.released.length > 0 && steps < 40) releasedEarly = true
      search = Search.step(search)
      steps++
    }
    // The first drains complete within a few steps, long before the search ends.
    expect(releasedEarly).toBe(true)
    expect(steps).toBeGreaterThan(40)
    expect(Search.best(search).metrics.complete).toBe(true)
  })

  it("starts without a step: an empty plan", () => {
    const plan = Search.best(Search.start(residue))
    expect(plan.steps).toEqual([])
    expect(plan.released).toEqual([])
    expect(plan.metrics.complete).toBe(false)
  })

  it("is single-use: a value already stepped throws StaleSearch; a finished search steps to itself", () => {
    const first = Search.start(residue)
    const second = Search.step(first)
    expect(() => Search.step(first)).toThrow(Search.StaleSearch)
    expect(() => Search.best(first)).toThrow(/already stepped/)
    expect(() => Search.isDone(first)).toThrow(Search.StaleSearch)
    const done = Search.run(second)
    expect(Search.step(done)).toBe(done)
  })

  it("never changes its snapshot", () => {
    const frozen = deepFreeze(Compaction.validateOrThrow(Generators.residue({ nodes: 30 }, 5).snapshot))
    expect(() => Search.best(Search.run(Search.start(frozen)))).not.toThrow()
  })
})
