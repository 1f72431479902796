/**
 * The benchmark's generators at small sizes, every plan checked: `verify`
 * accepts it and every K* invariant holds, including determinism (planned
 * twice) and no flapping (the final placement planned again releases
 * nothing). Shrinking is on (over the generator's size and seed).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Tally } from "../spec/registry.js"
import { generatedSnapshot } from "../spec/compaction.js"
import { checkPlan, PlanStats } from "./support/compaction.js"
import { writeReport } from "./support/report.js"
import { propertyParameters, runs, SEED } from "./support/settings.js"

const GENERATOR_RUNS = 6_000

const tally = new Tally()
const stats = new PlanStats()

describe(`compaction over the benchmark's generators (seed ${SEED})`, () => {
  it(`verify accepts every plan of ${runs(GENERATOR_RUNS)} generated snapshots and every K* invariant holds`, () => {
    fc.assert(
      fc.property(generatedSnapshot, ([generator, input]) => {
        stats.byGenerator.set(generator, (stats.byGenerator.get(generator) ?? 0) + 1)
        checkPlan(input, tally, stats)
      }),
      propertyParameters(GENERATOR_RUNS)
    )
    const total = runs(GENERATOR_RUNS)
    console.log(
      `compaction generators: ${stats.snapshots} snapshots, ${stats.releasing} released nodes, ` +
        `${stats.makeRoom} with make-room moves; by generator ${JSON.stringify([...stats.byGenerator])}`
    )
    // Vacuity floors, in proportion to the budget: real releases and make-room moves, from every generator.
    expect(stats.snapshots).toBe(total)
    expect(stats.releasing).toBeGreaterThan(total / 2)
    expect(stats.makeRoom).toBeGreaterThan(total / 20)
    expect(stats.byGenerator.size).toBe(8)
    writeReport({
      check: "properties/compaction.generators.test.ts › generated snapshots",
      core: "compaction",
      kind: "generated",
      bound: `seed ${SEED}, ${total.toLocaleString("en-US")} snapshots from 8 generators (≤ 36 nodes)`,
      seed: SEED,
      runs: stats.snapshots,
      evaluations: tally.toJSON()
    })
  })
})
