/** `Compaction.Search`: the planner's search step by step; every partial plan verifies, the end is `plan`. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { deepFreeze } from "../../../spec/freeze.js"
import { Compaction } from "../../../src/index.js"
import * as Generators from "../../../src/testing/generators.js"

const { Search } = Compaction

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

  it("names the function given a stale value, and refuses a value start did not make", () => {
    const first = Search.start(residue)
    Search.step(first)
    const forged = { [Search.TypeId]: Search.TypeId } as Compaction.Search.Search
    for (const value of [first, forged]) {
      for (const [operation, call] of [["step", Search.step], ["isDone", Search.isDone], ["best", Search.best]] as const) {
        const error = (() => {
          try {
            call(value)
          } catch (e) {
            return e
          }
        })()
        expect(error).toBeInstanceOf(Search.StaleSearch)
        expect(error).toMatchObject({ _tag: "StaleSearch", operation })
        expect((error as Error).message).toMatch(new RegExp(`^replicore/compaction\\.Search\\.${operation}: `))
      }
    }
  })

  it("brands its values", () => {
    const search = Search.start(residue)
    expect(search[Search.TypeId]).toBe(Search.TypeId)
    expect(Search.step(search)[Search.TypeId]).toBe(Search.TypeId)
  })

  it("stays finished: a finished value stays usable, steps to itself and gives the same complete plan", () => {
    const done = Search.run(Search.start(pinned))
    const plan = JSON.stringify(Search.best(done))
    expect(Search.step(Search.step(done))).toBe(done)
    expect(Search.isDone(done)).toBe(true)
    expect(JSON.stringify(Search.best(done))).toBe(plan)
    expect(Search.run(done)).toBe(done)
  })

  it("searches under the snapshot's own options when given none", () => {
    const withOptions = Compaction.validateOrThrow({ ...residue, options: { migrationBudget: 3, maxConcurrentMigrations: 1 } })
    const plan = Search.best(Search.run(Search.start(withOptions)))
    expect(plan.metrics.migrations).toBeLessThanOrEqual(3)
    expect(plan.metrics.waves).toBe(plan.metrics.migrations)
    expect(JSON.stringify(plan)).toBe(JSON.stringify(Compaction.plan(withOptions)))
  })

  it("never changes its snapshot", () => {
    const frozen = deepFreeze(Compaction.validateOrThrow(Generators.residue({ nodes: 30 }, 5).snapshot))
    expect(() => Search.best(Search.run(Search.start(frozen)))).not.toThrow()
  })
})

describe("Compaction.Search while the planner's view is being built", () => {
  // Enough replicas that building the view takes several steps.
  const big = Compaction.validateOrThrow(Generators.residue({ nodes: 3000 }, 1).snapshot)

  it("offers the empty plan: it verifies, keeps every used node and explains the under-used ones as not searched", () => {
    const search = Search.step(Search.start(big))
    const plan = Search.best(search)
    expect(Either.isRight(Compaction.verify(big, plan))).toBe(true)
    expect(plan.steps).toEqual([])
    expect(plan.placement).toEqual(big.replicas.map((r) => ({ replica: r.id, node: r.node })))
    const used = new Set(big.replicas.map((r) => r.node))
    expect(plan.metrics).toMatchObject({ nodesBefore: used.size, nodesAfter: used.size, migrations: 0, waves: 0, complete: false })
    expect(plan.explanations.length).toBeGreaterThan(0)
    for (const e of plan.explanations) {
      expect(used.has(e.node)).toBe(true)
      expect(e.reason).toBe("not-searched")
    }
  })

  it("explains an under-used node the way the finished view would, before and after the build", () => {
    let search = Search.start(big)
    const before = Search.best(Search.step(search))
    search = Search.start(big)
    // Steps until the view is built and the planner has started (nothing released yet).
    for (let i = 0; i < 50 && Search.best(search).released.length === 0; i++) search = Search.step(search)
    const after = Search.best(search)
    const nodes = (p: Compaction.Plan) => new Set(p.explanations.map((e) => e.node))
    // The planner's partial plan explains a subset of the nodes the empty plan explains (it may have released some).
    for (const n of nodes(after)) expect(nodes(before).has(n)).toBe(true)
  })
})
