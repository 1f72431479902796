/**
 * The checks a mutation run uses on one core (REPLICORE_MUTATE): its unit and
 * property suites, and the runtime's tests for the cores it drives (not the
 * end-to-end tests, which run the built command, nor the audit), ordered
 * fastest first so that a mutant most tests kill dies cheaply, and the
 * exhaustive explorations last (or left out: REPLICORE_SKIP_EXHAUSTIVE=1).
 */
import { BaseSequencer, type TestSpecification } from "vitest/node"
import { configDefaults, defineConfig } from "vitest/config"

/** Where a test file runs in a mutation run: unit tests, then model-based suites, then exhaustive explorations. */
const rank = (file: string): number => (file.includes("exhaustive") ? 2 : file.includes("/properties/") ? 1 : 0)

/** Each core's checks. */
const checks: Record<string, ReadonlyArray<string>> = {
  container: ["test/unit/container/**/*.test.ts", "test/unit/internal/**/*.test.ts", "properties/container*.test.ts", "properties/indexes.test.ts"],
  slots: ["test/unit/slots/**/*.test.ts", "test/unit/runtime/**/*.test.ts", "properties/slots*.test.ts"],
  compaction: ["test/unit/compaction/**/*.test.ts", "test/unit/runtime/**/*.test.ts", "properties/compaction*.test.ts"],
  lifecycle: ["test/unit/lifecycle/**/*.test.ts", "properties/lifecycle*.test.ts"]
}

class FastFirst extends BaseSequencer {
  override async sort(files: Array<TestSpecification>): Promise<Array<TestSpecification>> {
    return [...files].sort((a, b) => rank(a.moduleId) - rank(b.moduleId) || a.moduleId.localeCompare(b.moduleId))
  }
}

export default defineConfig({
  test: {
    include: [...(checks[process.env["REPLICORE_MUTATE"] ?? "container"] ?? [])],
    // `--skip-exhaustive`: every surviving mutant pays for the whole exploration (minutes each on a loaded machine).
    exclude: [...configDefaults.exclude, ...(process.env["REPLICORE_SKIP_EXHAUSTIVE"] === "1" ? ["**/*.exhaustive.test.ts"] : [])],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    sequence: { sequencer: FastFirst }
  }
})
