import { defineConfig } from "vitest/config"

/** Runs after the checks: reads their reports, audits coverage, and checks docs/invariants.md is current. */
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest/audit.json" },
    include: ["test/audit/**/*.test.ts"]
  }
})
