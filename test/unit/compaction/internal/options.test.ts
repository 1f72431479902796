/** Planner options: decoded with their defaults, every problem named under `options`, a call's own options before the snapshot's. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { deepFreeze } from "../../../../spec/freeze.js"
import { Compaction } from "../../../../src/index.js"
import { decodeOptions, resolveOptions } from "../../../../src/compaction/internal/options.js"

const DEFAULTS = { objective: "nodes", seed: 0 }

const lines = (input: unknown): Array<string> => {
  const result = decodeOptions(input)
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.item}: ${p.problem}`) : []
}

describe("decodeOptions", () => {
  it("fills in the defaults; none given is every default", () => {
    expect(decodeOptions(undefined)).toEqual(Either.right(DEFAULTS))
    expect(decodeOptions(deepFreeze({ maxConcurrentMigrations: 2, objective: "cost" })))
      .toEqual(Either.right({ maxConcurrentMigrations: 2, objective: "cost", seed: 0 }))
  })

  it("names every problem under options, the options themselves when they are not an object", () => {
    expect(lines(null)).toEqual([`options: must be an options object, got null`])
    expect(lines([])).toEqual([`options: must be an options object, got a list`])
    expect(lines({ seed: 1.5, migrationBudget: -1 })).toEqual([
      `options.migrationBudget: must be a non-negative finite number, got -1`,
      `options.seed: must be an integer, got 1.5`
    ])
  })
})

describe("resolveOptions", () => {
  const snapshot = Compaction.validateOrThrow({ nodes: [], deployments: [], replicas: [], options: { seed: 7 } })
  const bare = Compaction.validateOrThrow({ nodes: [], deployments: [], replicas: [] })

  it("takes the call's own options, else the snapshot's, else the defaults", () => {
    expect(resolveOptions(snapshot, { seed: 3 })).toEqual({ objective: "nodes", seed: 3 })
    expect(resolveOptions(snapshot, undefined)).toEqual({ objective: "nodes", seed: 7 })
    expect(resolveOptions(bare, undefined)).toEqual(DEFAULTS)
  })

  it("throws the InvalidOptions of options that do not decode", () => {
    expect(() => resolveOptions(bare, { maxConcurrentMigrations: 0 })).toThrow(Compaction.InvalidOptions)
  })
})
