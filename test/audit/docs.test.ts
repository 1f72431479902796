/** docs/invariants.md is what the registry and this run's reports render to. */
import { readFile } from "node:fs/promises"
import { describe, expect, it } from "vitest"
import { allInvariants } from "../../spec/index.js"
import { renderInvariantsMarkdown } from "../../spec/render.js"
import { readReports } from "../../spec/report.js"

describe("docs/invariants.md", () => {
  it("is current (regenerate with npm run docs and commit it)", async () => {
    const committed = await readFile("docs/invariants.md", "utf8").catch(() => "")
    expect(committed, "docs/invariants.md is stale: run npm run docs and commit it").toBe(
      renderInvariantsMarkdown(allInvariants, await readReports())
    )
  })
})
