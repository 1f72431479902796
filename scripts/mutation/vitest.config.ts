/**
 * The checks a mutation run uses on one core (REPLICORE_MUTATE): its unit and
 * property suites, and the runtime's tests for the cores it drives (not the
 * end-to-end tests, which run the built command, nor the audit), ordered
 * so that a mutant dies cheaply: the unit tests of the files being mutated
 * (REPLICORE_FILES, a `--files` part) first, then the other unit tests, the
 * model-based suites, and the exhaustive explorations last (or left out:
 * REPLICORE_SKIP_EXHAUSTIVE=1).
 */
import { BaseSequencer, type TestSpecification } from "vitest/node"
import { configDefaults, defineConfig } from "vitest/config"

/** The unit test files of the part being mutated: tests mirror the source files (`src/a/b.ts` → `test/unit/a/b.test.ts`). */
const mirrors: ReadonlyArray<string> = (process.env["REPLICORE_FILES"]?.split(",") ?? [])
  .map((file) => file.trim().replace(/^src\//, "test/unit/").replace(/\.ts$/, ".test.ts"))

/** Where a test file runs in a mutation run: the part's own unit tests, other unit tests, model-based suites, exhaustive explorations. */
const rank = (file: string): number =>
  mirrors.some((mirror) => file.endsWith(mirror)) ? 0 : file.includes("exhaustive") ? 3 : file.includes("/properties/") ? 2 : 1

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
    // One module graph per run instead of one per test file: a run over the whole core drops from ~80 s to ~20 s here.
    // Module state still starts afresh with each run (each mutant), and no check mocks modules or changes globals.
    isolate: false,
    testTimeout: 300_000,
    hookTimeout: 60_000,
    sequence: { sequencer: FastFirst }
  }
})
