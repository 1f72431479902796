// @ts-check
/**
 * StrykerJS over one core (REPLICORE_MUTATE: container, slots, compaction,
 * lifecycle), with the vitest runner; `npm run mutation -- <core>` sets it
 * and renders docs/mutation/<core>.md from the JSON report. A run over some
 * of the core's files (REPLICORE_FILES) keeps the results of the others.
 */
const core = process.env.REPLICORE_MUTATE ?? "container"

/** The source files of each core; the container's persistent indexes are its own algorithm. */
export const sources = {
  container: ["src/container/**/*.ts", "src/internal/orderedMap.ts", "src/internal/stringMap.ts"],
  slots: ["src/slots/**/*.ts"],
  compaction: ["src/compaction/**/*.ts"],
  lifecycle: ["src/lifecycle/**/*.ts"]
}

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "scripts/mutation/vitest.config.ts", related: false },
  plugins: ["@stryker-mutator/vitest-runner"],
  // REPLICORE_FILES (`--files`): a part of the core; the incremental file keeps the other files' results from earlier runs.
  mutate: [...(process.env.REPLICORE_FILES?.split(",") ?? sources[core] ?? []), "!**/index.ts"],
  coverageAnalysis: "perTest",
  // Module-level constants would be checked by every test of the core: their mutants are the slowest, and a changed constant shows up in the tests that use it.
  ignoreStatic: true,
  concurrency: 2,
  // A mutant can turn a loop infinite: give up on one after twice its tests' normal time, plus 15 s for a loaded
  // machine (one module graph per run, so no per-file start-up to allow for). A longer margin only makes every
  // infinite-loop mutant cost more: at four times plus 30 s, they took most of a run over the planner's files.
  timeoutFactor: 2,
  timeoutMS: 15_000,
  // The event recorder writes each mutant's result as it is known, so a run stopped early still has its results (`--partial`).
  reporters: ["json", "clear-text", "progress-append-only", "event-recorder"],
  jsonReporter: { fileName: `reports/mutation/${core}.json` },
  eventReporter: { baseDir: `reports/mutation/events-${core}` },
  incremental: true,
  incrementalFile: `reports/mutation/${core}.incremental.json`,
  tempDirName: `reports/mutation/.tmp-${core}`,
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null }
}
