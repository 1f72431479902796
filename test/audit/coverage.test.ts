/** Every invariant marked as model- or exhaustively-checked was evaluated in this run, and every exploration finished. */
import { describe, expect, it } from "vitest"
import { allInvariants } from "../../spec/index.js"
import { unevaluated } from "../../spec/render.js"
import { readReports } from "../../spec/report.js"

describe("check coverage", () => {
  it("every invariant marked as model-, exhaustively- or race-checked was evaluated by the checks", async () => {
    const reports = await readReports()
    expect(reports.length, "no check reports: run the checks first (npm run checks)").toBeGreaterThan(0)
    expect(unevaluated(allInvariants, reports)).toEqual([])
  })

  it("every exhaustive exploration exhausted its scope", async () => {
    const explorations = (await readReports()).filter((r) => r.kind === "exhaustive")
    expect(explorations.length).toBeGreaterThan(0)
    for (const report of explorations) expect(report.complete, report.check).toBe(true)
  })
})
