import { defineConfig } from "vitest/config"

/** Unit, property and exhaustive checks. They write reports/checks/*.json for the docs and the audit. */
export default defineConfig({
  test: {
    reporters: ["default", "json"],
    outputFile: { json: "reports/vitest/checks.json" },
    include: ["test/unit/**/*.test.ts", "test/load/**/*.test.ts", "properties/**/*.test.ts", "test/e2e/**/*.test.ts"],
    // Two test files at once: on a 2-core machine vitest's default runs one, and no check here depends on timing.
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 60_000
  }
})
