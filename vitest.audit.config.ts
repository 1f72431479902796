import { defineConfig } from "vitest/config"

/** Runs after the checks: reads their reports, audits coverage, and checks docs/invariants.md is current. */
export default defineConfig({
  test: {
    include: ["test/audit/**/*.test.ts"]
  }
})
