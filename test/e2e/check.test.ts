/**
 * End-to-end test of `replicore check`: a small budget of every check of
 * every core, run from the built package without vitest; the report opens
 * with the verdict and lists each check once.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { build, BUILD_TIMEOUT_MS, replicore } from "./support.js"

beforeAll(build, BUILD_TIMEOUT_MS)

/** Every core's checks: model-based runs of three cores, exhaustive explorations of three, generated snapshots for compaction. */
const CHECKS = [
  "container model-based",
  "container exhaustive",
  "slots model-based",
  "slots exhaustive",
  "compaction over generated snapshots",
  "lifecycle model-based",
  "lifecycle exhaustive"
]

describe("replicore check --runs 5", () => {
  it("exits 0, opens with `all N invariants hold`, and lists each check once", () => {
    const ran = replicore(["check", "--runs", "5", "--seed", "11"])
    expect(ran.status, ran.stderr).toBe(0)
    const lines = ran.stdout.split("\n")
    expect(lines[0]).toMatch(/^all \d+ invariants hold$/)
    expect(Number(/\d+/.exec(lines[0] ?? "")?.[0])).toBeGreaterThan(30)
    for (const check of CHECKS) expect(lines.filter((l) => l.startsWith(`ok    ${check}:`)), check).toHaveLength(1)
    expect(ran.stdout).toContain("seed 11")
    expect(ran.stdout).toContain("scope exhausted")
    expect(ran.stdout).not.toContain("NOT exhausted")
  }, BUILD_TIMEOUT_MS)
})
