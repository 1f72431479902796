/**
 * Differential test on tiny clusters (≤ 8 nodes, ≤ 24 replicas): the planner
 * against an exact search (`spec/compactionExact.ts`). It must release as
 * many nodes as the exact search on at least 98 % of the instances and never
 * fewer than the optimum − 1; every plan also goes through `verify` and every
 * K* invariant. No budget here: the exact search answers the unbudgeted question.
 */
import { Either } from "effect"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { exactMostReleased } from "../spec/compactionExact.js"
import { Tally } from "../spec/registry.js"
import { Compaction } from "../src/index.js"
import { checkPlan, PlanStats, tinyCluster } from "./support/compaction.js"
import { writeReport } from "./support/report.js"
import { runs, SEED } from "./support/settings.js"

const INSTANCES = 1000
const tally = new Tally()
const stats = new PlanStats()
const outcome = { equal: 0, oneBelow: 0, worse: 0, better: 0, unknown: 0, optimumReleases: 0 }


describe(`compaction planner vs exact search (seed ${SEED}, ${runs(INSTANCES)} tiny clusters)`, () => {
  it("releases the optimum on ≥ 98 % of instances and never fewer than the optimum − 1", () => {
    for (const input of fc.sample(tinyCluster, { seed: SEED, numRuns: runs(INSTANCES) })) {
      const plan = checkPlan(input, tally, stats)
      const exact = exactMostReleased(Either.getOrThrow(Compaction.validate(input)))
      if (exact.released === undefined) {
        outcome.unknown++
        continue
      }
      if (exact.released > 0) outcome.optimumReleases++
      const got = plan.released.length
      if (got === exact.released) outcome.equal++
      else if (got > exact.released) outcome.better++
      else if (got === exact.released - 1) outcome.oneBelow++
      else outcome.worse++
      expect.soft(got, `instance ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(exact.released - 1)
    }
    const decided = runs(INSTANCES) - outcome.unknown
    console.log(`planner vs exact: ${JSON.stringify(outcome)}`)
    // A plan that beats the exact search would mean one of the two is wrong.
    expect(outcome.better).toBe(0)
    expect(outcome.worse).toBe(0)
    expect(outcome.equal / decided).toBeGreaterThanOrEqual(0.98)
    // Vacuity: the exact search decided almost every instance, and most of them can release something.
    expect(outcome.unknown).toBeLessThanOrEqual(runs(INSTANCES) / 100)
    expect(outcome.optimumReleases).toBeGreaterThan(decided / 3)
  })

  afterAll(() => {
    writeReport({
      check: "properties/compaction.exact.test.ts › planner vs exact search",
      core: "compaction",
      kind: "differential",
      bound: `seed ${SEED}, ${runs(INSTANCES).toLocaleString("en-US")} random clusters of ≤ 8 nodes and ≤ 24 replicas; ` +
        `equal to the optimum on ${outcome.equal}, one node short on ${outcome.oneBelow}, undecided ${outcome.unknown}`,
      seed: SEED,
      runs: stats.snapshots,
      evaluations: tally.toJSON()
    })
  })
})
