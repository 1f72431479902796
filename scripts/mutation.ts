/**
 * Mutation testing of the cores: `npm run mutation -- [container|slots|compaction|lifecycle …] [--runs N] [--render]`.
 * Runs StrykerJS (scripts/mutation/stryker.config.mjs) over each core with
 * the property suites capped at N runs (default 200), then writes
 * docs/mutation/<core>.md: per file, the mutants killed, survived, timed out,
 * not covered and ignored (with the reason each equivalent mutant is
 * ignored), the score, and every survivor, and docs/mutation/README.md, one
 * line per core. Incremental: a second run re-tests only what changed.
 * `--render` writes the reports again from the last run's JSON, running nothing.
 */
import { execSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { parseArgs } from "node:util"

const CORES = ["container", "slots", "compaction", "lifecycle"] as const
type Core = (typeof CORES)[number]

/** Property runs per suite in a mutation run: the budget at which a real gap shows (issue figures were taken at 200). */
const DEFAULT_RUNS = 200
/** The goal per file: the share of non-equivalent mutants killed. */
const GOAL = 90

const { positionals, values } = parseArgs({
  options: { runs: { type: "string", default: String(DEFAULT_RUNS) }, render: { type: "boolean", default: false } },
  allowPositionals: true,
  strict: true
})
const runs = Number(values.runs)
if (!Number.isSafeInteger(runs) || runs <= 0) throw new Error(`--runs must be a positive integer, got ${values.runs}`)
const unknown = positionals.filter((p) => !(CORES as ReadonlyArray<string>).includes(p))
if (unknown.length > 0) throw new Error(`unknown core ${unknown.join(", ")}: choose from ${CORES.join(", ")}`)
const cores: ReadonlyArray<Core> = positionals.length > 0 ? (positionals as Array<Core>) : CORES

interface Mutant {
  readonly mutatorName: string
  readonly replacement?: string
  readonly location: { readonly start: { readonly line: number; readonly column: number } }
  readonly status: string
  readonly statusReason?: string
}
interface Report {
  readonly files: Record<string, { readonly mutants: ReadonlyArray<Mutant> }>
}

interface Tally {
  killed: number
  survived: number
  timeout: number
  noCoverage: number
  /** Marked equivalent in the source (a disable comment with its reason). */
  ignored: number
  /** Module-level constants, not run (`ignoreStatic`): they count neither way. */
  statics: number
  errors: number
}

/** Stryker's reason for a static mutant it did not run. */
const isStatic = (m: Mutant): boolean => m.status === "Ignored" && (m.statusReason ?? "").startsWith("Static mutant")

const tallyOf = (mutants: ReadonlyArray<Mutant>): Tally => {
  const t: Tally = { killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0, statics: 0, errors: 0 }
  for (const m of mutants) {
    if (m.status === "Killed") t.killed++
    else if (m.status === "Survived") t.survived++
    else if (m.status === "Timeout") t.timeout++
    else if (m.status === "NoCoverage") t.noCoverage++
    else if (isStatic(m)) t.statics++
    else if (m.status === "Ignored") t.ignored++
    else t.errors++
  }
  return t
}

/** Killed (a timeout counts: the mutant did not pass) over every mutant that is not ignored as equivalent nor failed to compile. */
const scoreOf = (t: Tally): number => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage
  return valid === 0 ? 100 : (100 * (t.killed + t.timeout)) / valid
}

const pct = (x: number): string => `${x.toFixed(1)} %`
const oneLine = (s: string | undefined): string => (s ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, 80)

/** What a report says about its run. */
interface Run {
  readonly commit: string
  readonly minutes: number
  readonly runs: number
}

const render = (core: Core, report: Report, run: Run): { markdown: string; score: number; met: boolean } => {
  const { commit, minutes, runs } = run
  const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))
  const all = tallyOf(files.flatMap(([, f]) => f.mutants))
  const rows = files.map(([path, f]) => {
    const t = tallyOf(f.mutants)
    const s = scoreOf(t)
    return `| \`${path}\` | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${t.statics} | ${pct(s)} | ${s >= GOAL ? "met" : "**missed**"} |`
  })
  const survivors = files.flatMap(([path, f]) =>
    f.mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .map((m) => `| \`${path}:${m.location.start.line}\` | ${m.mutatorName} | \`${oneLine(m.replacement)}\` | ${m.status} |`)
  )
  const ignored = files.flatMap(([path, f]) =>
    f.mutants.filter((m) => m.status === "Ignored" && !isStatic(m)).map((m) => `| \`${path}:${m.location.start.line}\` | ${m.mutatorName} | ${oneLine(m.statusReason)} |`)
  )
  const met = files.every(([, f]) => scoreOf(tallyOf(f.mutants)) >= GOAL)
  const markdown = [
    `# Mutation testing: ${core}`,
    "",
    `Generated by \`npm run mutation -- ${core}\` (StrykerJS with the vitest runner, \`scripts/mutation/\`) at commit \`${commit}\`,`,
    `property suites capped at ${runs} runs, ${minutes.toFixed(0)} min on 2 cores. Score: killed (timeouts included) over every mutant`,
    `not ignored as equivalent. Goal: ≥ ${GOAL} % in every file.`,
    "",
    `**Whole core: ${pct(scoreOf(all))}** (${all.killed + all.timeout} of ${all.killed + all.timeout + all.survived + all.noCoverage} killed, ${all.ignored} marked equivalent, ${all.statics} static mutants not run, ${all.errors} not compiled or errored).`,
    "",
    "| file | killed | timeout | survived | no coverage | equivalent | static (not run) | score | goal |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "## Survivors",
    "",
    ...(survivors.length === 0 ? ["None."] : ["| where | mutator | replacement | status |", "|---|---|---|---|", ...survivors]),
    "",
    "## Marked equivalent",
    "",
    ...(ignored.length === 0 ? ["None."] : ["| where | mutator | why it is equivalent |", "|---|---|---|", ...ignored]),
    ""
  ].join("\n")
  return { markdown, score: scoreOf(all), met }
}

/** Runs Stryker over one core and records the run beside its JSON report; false when it failed. */
const mutate = (core: Core): boolean => {
  const started = Date.now()
  console.log(`mutation: ${core} (property suites capped at ${runs} runs)`)
  const result = spawnSync("npx", ["stryker", "run", "scripts/mutation/stryker.config.mjs"], {
    stdio: "inherit",
    env: { ...process.env, REPLICORE_MUTATE: core, REPLICORE_RUNS_CAP: String(runs), REPLICORE_REPORT_DIR: "reports/mutation/checks" }
  })
  if (result.status !== 0 || !existsSync(`reports/mutation/${core}.json`)) return false
  const run: Run = { commit: execSync("git rev-parse --short HEAD").toString().trim(), minutes: (Date.now() - started) / 60_000, runs }
  writeFileSync(`reports/mutation/${core}.run.json`, JSON.stringify(run))
  return true
}

mkdirSync("docs/mutation", { recursive: true })
for (const core of cores) {
  if (!values.render && !mutate(core)) {
    console.error(`mutation: ${core} failed; no report written`)
    process.exitCode = 1
    continue
  }
  if (!existsSync(`reports/mutation/${core}.run.json`)) {
    console.error(`mutation: ${core} has no run to render (run \`npm run mutation -- ${core}\` first)`)
    process.exitCode = 1
    continue
  }
  const run = JSON.parse(readFileSync(`reports/mutation/${core}.run.json`, "utf8")) as Run
  const report = JSON.parse(readFileSync(`reports/mutation/${core}.json`, "utf8")) as Report
  const { markdown, score, met } = render(core, report, run)
  writeFileSync(`docs/mutation/${core}.md`, markdown)
  console.log(`mutation: ${core} ${pct(score)}; every file ≥ ${GOAL} %: ${met ? "yes" : "no"}; wrote docs/mutation/${core}.md`)
}

/** The index: one line per core that has a report. */
const index = CORES.filter((core) => existsSync(`docs/mutation/${core}.md`)).map((core) => {
  const whole = /\*\*Whole core: ([^*]+)\*\*/.exec(readFileSync(`docs/mutation/${core}.md`, "utf8"))?.[1] ?? "?"
  const at = /at commit `([^`]+)`/.exec(readFileSync(`docs/mutation/${core}.md`, "utf8"))?.[1] ?? "?"
  return `- [${core}](${core}.md): ${whole} (commit \`${at}\`)`
})
writeFileSync(
  "docs/mutation/README.md",
  ["# Mutation testing", "", "How many deliberately wrong lines each core's checks notice (`npm run mutation`; not run in CI).", "", ...index, ""].join("\n")
)
