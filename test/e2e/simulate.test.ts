/**
 * End-to-end tests of `replicore simulate`, the main job: a short run as JSON
 * in DESIGN §7's shape, the chart and JSON written by `--out`, and no
 * progress bar when stderr is not a terminal.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { build, BUILD_TIMEOUT_MS, replicore, scratch } from "./support.js"

beforeAll(build, BUILD_TIMEOUT_MS)

interface Run {
  readonly compaction: string
  readonly nodeHours: number
  readonly gpuHours: number
  readonly cost: number
  readonly migrations: number
  readonly requests: { readonly total: number; readonly failed: number; readonly rejected: number }
  readonly violations: number
}

describe("replicore simulate", () => {
  it("--hours 1 --json prints { scenario, seed, hours, runs } with the three compaction modes, and exits 0", () => {
    const ran = replicore(["simulate", "--hours", "1", "--seed", "7", "--json"])
    expect(ran.status, ran.stderr).toBe(0)
    expect(ran.stderr).toBe("")
    const result = JSON.parse(ran.stdout) as { scenario: string; seed: number; hours: number; runs: ReadonlyArray<Run> }
    expect(result).toMatchObject({ scenario: "day", seed: 7, hours: 1 })
    expect(result.runs.map((r) => r.compaction)).toEqual(["off", "ray", "planner"])
    for (const run of result.runs) {
      for (const field of ["nodeHours", "gpuHours", "cost", "migrations", "violations"] as const) {
        expect(Number.isFinite(run[field]), field).toBe(true)
      }
      expect(run.requests.total).toBeGreaterThan(0)
      expect(run.requests.failed).toBe(0)
      expect(run.violations).toBe(0)
    }
  })

  it("--out DIR writes the chart and the JSON, and prints the table", () => {
    const dir = join(scratch(), "out")
    const ran = replicore(["simulate", "--hours", "1", "--out", dir])
    expect(ran.status, ran.stderr).toBe(0)
    expect(ran.stdout).toMatch(/planner/)
    expect(readFileSync(join(dir, "simulate.svg"), "utf8")).toMatch(/^<svg|<\?xml/)
    expect(JSON.parse(readFileSync(join(dir, "simulate.json"), "utf8"))).toMatchObject({ scenario: "day", hours: 1 })
  })

  it("draws no progress bar when stderr is not a terminal", () => {
    const ran = replicore(["simulate", "--hours", "1", "--json"])
    expect(ran.stderr).not.toContain("\r")
    expect(ran.stderr).not.toContain("\u001b")
  })
})
