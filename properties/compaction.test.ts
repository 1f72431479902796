/**
 * Random small clusters, every plan checked (every option drawn: budgets,
 * concurrency, objective, seed; pinned replicas and nodes, cordoned nodes,
 * per-node limits, zero surge). For each, `verify` accepts the plan and every
 * K* invariant holds, including determinism (planned twice) and no flapping
 * (the final placement planned again releases nothing). Shrinking is on.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Tally } from "../spec/registry.js"
import { checkPlan, PlanStats, smallSnapshot } from "./support/compaction.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, runs, scale, SEED } from "./support/settings.js"

const RANDOM_RUNS = 14_000
/** At least this many runs of CI's budget plan a make-room move (a replica moved to free room for another). */
const MAKE_ROOM_FLOOR = 10

const tally = new Tally()
const stats = new PlanStats()

describe(`compaction over generated snapshots (seed ${SEED})`, () => {
  it(`verify accepts every plan of ${runs(RANDOM_RUNS)} random small clusters and every K* invariant holds`, () => {
    fc.assert(fc.property(smallSnapshot(), (input) => void checkPlan(input, tally, stats)), propertyParameters(RANDOM_RUNS))
    const total = runs(RANDOM_RUNS)
    console.log(
      `compaction: ${stats.snapshots} snapshots, ${stats.releasing} released nodes, ${stats.makeRoom} with make-room moves, ` +
        `${stats.budgeted} budgeted, ${stats.limited} concurrency-limited`
    )
    // Vacuity floors, in proportion to the budget: the runs plan real releases, make-room moves, budgets and limits.
    expect(stats.snapshots).toBe(total)
    expect(stats.releasing).toBeGreaterThan(total / 10)
    // Make-room moves are rare: the floor rounds down, so a capped budget's small sample is not held to a fraction of one.
    expect(stats.makeRoom).toBeGreaterThanOrEqual(Math.floor(MAKE_ROOM_FLOOR * scale(RANDOM_RUNS)))
    expect(stats.budgeted).toBeGreaterThan(total / 4)
    expect(stats.limited).toBeGreaterThan(total / 4)
    writeReport({
      check: "properties/compaction.test.ts › random clusters",
      core: "compaction",
      kind: "generated",
      bound: `seed ${SEED}, ${total.toLocaleString("en-US")} random clusters (≤ 8 nodes, ≤ 24 replicas, every option drawn)`,
      seed: SEED,
      runs: stats.snapshots,
      evaluations: tally.toJSON()
    })
  })
})
