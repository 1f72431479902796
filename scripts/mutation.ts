/**
 * Mutation testing of the cores: `npm run mutation -- [container|slots|compaction|lifecycle …] [--runs N] [--skip-exhaustive] [--files F,… | --render | --partial]`.
 * Runs StrykerJS (scripts/mutation/stryker.config.mjs) over each core with
 * the property suites capped at N runs (default 200), records each file's
 * results in docs/mutation/<core>.results.json (`ledger.ts`), then writes
 * docs/mutation/<core>.md: per file, the mutants killed, survived, timed out,
 * not covered and ignored (with the reason each equivalent mutant is
 * ignored), the score, and every survivor, and docs/mutation/README.md, one
 * line per core. Incremental within a machine: a second run re-tests only
 * what changed. `--files` runs a part of one core (a core too large for one
 * sitting): the other files keep their recorded results, and the report says
 * which commit measured each file. `--partial` records a run that was stopped
 * before its end from the results it reported (reports/mutation/events-<core>/):
 * the files it reported whole, and how far it got in the others.
 * `--render` writes the reports again from the recorded results, running nothing.
 */
import { execSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { isAbsolute, relative } from "node:path"
import { parseArgs } from "node:util"
import { type Equivalent, EQUIVALENT } from "./mutation/equivalent.js"
import {
  complete,
  type FileResult,
  fileResult,
  type Kept,
  type Ledger,
  merged,
  type Mutant,
  readLedger,
  reported,
  writeLedger
} from "./mutation/ledger.js"
import { sources } from "./mutation/stryker.config.mjs"

const CORES = ["container", "slots", "compaction", "lifecycle"] as const
type Core = (typeof CORES)[number]

/** Property runs per suite in a mutation run: the budget at which a real gap shows (issue figures were taken at 200). */
const DEFAULT_RUNS = 200
/** The goal per file: the share of non-equivalent mutants killed. */
const GOAL = 90

/** Bad arguments: one line, no stack trace. */
const fail = (message: string): never => {
  console.error(`mutation: ${message}`)
  process.exit(2)
}

/** The command line, or one line naming what is wrong with it. */
const args = () => parseArgs({
  options: {
    runs: { type: "string", default: String(DEFAULT_RUNS) },
    render: { type: "boolean", default: false },
    partial: { type: "boolean", default: false },
    "skip-exhaustive": { type: "boolean", default: false },
    files: { type: "string" }
  },
  allowPositionals: true,
  strict: true
})
const { positionals, values } = ((): ReturnType<typeof args> => {
  try {
    return args()
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e))
  }
})()
const runs = Number(values.runs)
if (!Number.isSafeInteger(runs) || runs <= 0) fail(`--runs must be a positive integer, got ${values.runs}`)
const unknown = positionals.filter((p) => !(CORES as ReadonlyArray<string>).includes(p))
if (unknown.length > 0) fail(`unknown core ${unknown.join(", ")}: choose from ${CORES.join(", ")}`)
const exhaustive = !values["skip-exhaustive"]
const cores: ReadonlyArray<Core> = positionals.length > 0 ? (positionals as Array<Core>) : CORES

/** Whether a path is one of a core's source files (a `dir/**` pattern or the path itself). */
/** The folder a `dir/**` pattern covers (with its trailing slash), or undefined for a single file. */
const folderOf = (pattern: string): string | undefined => (pattern.includes("**") ? pattern.slice(0, pattern.indexOf("**")) : undefined)
const inCore = (core: Core, path: string): boolean =>
  (sources[core] as ReadonlyArray<string>).some((pattern) => {
    const folder = folderOf(pattern)
    return folder === undefined ? path === pattern : path.startsWith(folder) && path.endsWith(".ts")
  })
/** Every source file of a core that Stryker mutates (its `index.ts` files re-export only). */
const sourceFiles = (core: Core): ReadonlyArray<string> =>
  (sources[core] as ReadonlyArray<string>).flatMap((pattern) => {
    const folder = folderOf(pattern)
    if (folder === undefined) return [pattern]
    return readdirSync(folder, { recursive: true, encoding: "utf8" }).map((f) => `${folder}${f}`).filter((f) => inCore(core, f))
  }).filter((f) => !f.endsWith("/index.ts")).sort()
/** `--files`: the part of one core this run mutates. */
// (paths as the shell completes them, `./src/…`, name the same files)
const part = values.files?.split(",").map((f) => f.trim().replace(/^\.\//, "")).filter((f) => f.length > 0)
if (part !== undefined) {
  if (cores.length !== 1) fail("--files needs exactly one core, the one the files belong to")
  if (part.length === 0) fail("--files needs at least one file (comma-separated paths)")
  const stray = part.filter((f) => !existsSync(f) || !inCore(cores[0]!, f))
  if (stray.length > 0) fail(`--files: not a source file of ${cores[0]}: ${stray.join(", ")}`)
}

/** The entry of scripts/mutation/equivalent.ts a mutant that was not killed matches, if any. */
const listedFor = (path: string, m: Kept): Equivalent | undefined =>
  m.status !== "Survived" && m.status !== "NoCoverage"
    ? undefined
    : EQUIVALENT.find((e) =>
      e.file === path && e.mutator === m.mutator && e.replacement === m.replacement && e.line === m.code && e.original === m.original
    )

interface Tally {
  killed: number
  survived: number
  timeout: number
  noCoverage: number
  /** Marked equivalent: a disable comment in the source, or an entry of equivalent.ts. */
  ignored: number
  /** Module-level constants, not run (`ignoreStatic`): they count neither way. */
  statics: number
  errors: number
}

/** A file's tally, with the mutants listed in equivalent.ts counted as ignored. */
const tallyOf = (f: FileResult, kept: ReadonlyArray<Kept>): Tally => ({
  killed: f.killed,
  timeout: f.timeout,
  statics: f.statics,
  errors: f.errors,
  survived: kept.filter((m) => m.status === "Survived").length,
  noCoverage: kept.filter((m) => m.status === "NoCoverage").length,
  ignored: kept.filter((m) => m.status === "Ignored").length
})

const sum = (tallies: ReadonlyArray<Tally>): Tally =>
  tallies.reduce((a, t) => ({
    killed: a.killed + t.killed,
    survived: a.survived + t.survived,
    timeout: a.timeout + t.timeout,
    noCoverage: a.noCoverage + t.noCoverage,
    ignored: a.ignored + t.ignored,
    statics: a.statics + t.statics,
    errors: a.errors + t.errors
  }), { killed: 0, survived: 0, timeout: 0, noCoverage: 0, ignored: 0, statics: 0, errors: 0 })

/** Killed (a timeout counts: the mutant did not pass) over every mutant that is not ignored as equivalent nor failed to compile. */
const scoreOf = (t: Tally): number => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage
  return valid === 0 ? 100 : (100 * (t.killed + t.timeout)) / valid
}

const pct = (x: number): string => `${x.toFixed(1)} %`
/** A table cell: one line, pipes escaped, cut at `max` characters (a replacement is code, a reason a sentence). */
const oneLine = (s: string | undefined, max = 80): string => (s ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, max)

const render = (core: Core, ledger: Ledger): { markdown: string; score: number; met: boolean } => {
  const used = new Set<Equivalent>()
  const files = Object.entries(ledger.files).sort(([a], [b]) => a.localeCompare(b)).map(([path, f]) => {
    const kept = f.kept.map((m): Kept => {
      const listed = listedFor(path, m)
      if (listed === undefined) return m
      used.add(listed)
      return { ...m, status: "Ignored", reason: `${listed.reason} (listed in scripts/mutation/equivalent.ts)` }
    })
    return { path, f, kept, tally: tallyOf(f, kept) }
  })
  for (const e of EQUIVALENT) {
    const f = ledger.files[e.file]
    if (f !== undefined && complete(f) && !used.has(e)) console.warn(`mutation: ${core}: listed equivalent mutant matched nothing: ${e.file} ${e.mutator} ${e.line}`)
  }
  const all = sum(files.map(({ tally }) => tally))
  const commits = new Set(files.map(({ f }) => f.commit))
  const newest = ledger.history[ledger.history.length - 1]?.commit ?? "?"
  const oneCommit = commits.size <= 1
  // (a file without mutants, types only, is measured but has no row)
  const rows = files.filter(({ f }) => reported(f) > 0 || !complete(f)).map(({ path, f, tally: t }) => {
    const s = scoreOf(t)
    const goal = !complete(f) ? `not reached (${reported(f)} of ${f.planned} reported)` : s >= GOAL ? "met" : "**missed**"
    const at = oneCommit ? "" : ` \`${f.commit}\` |`
    return `| \`${path}\` |${at} ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${t.statics} | ${pct(s)} | ${goal} |`
  })
  const survivors = files.flatMap(({ path, kept }) =>
    kept.filter((m) => m.status !== "Ignored").map((m) => `| \`${path}:${m.line}\` | ${m.mutator} | \`${oneLine(m.replacement)}\` | ${m.status} |`)
  )
  const ignored = files.flatMap(({ path, kept }) =>
    kept.filter((m) => m.status === "Ignored").map((m) => `| \`${path}:${m.line}\` | ${m.mutator} | ${oneLine(m.reason, 240)} |`)
  )
  const unmeasured = sourceFiles(core).filter((f) => !(f in ledger.files))
  const partial = files.filter(({ f }) => !complete(f))
  const met = unmeasured.length === 0 && files.every(({ f, tally }) => complete(f) && scoreOf(tally) >= GOAL)
  const minutes = ledger.history.reduce((m, r) => m + r.minutes, 0)
  const markdown = [
    `# Mutation testing: ${core}`,
    "",
    `Generated by \`npm run mutation -- ${core}\` (StrykerJS with the vitest runner, \`scripts/mutation/\`) ${oneCommit ? `at commit \`${[...commits][0] ?? newest}\`` : `at ${commits.size} commits up to \`${newest}\``},`,
    `property suites capped at ${ledger.runs} runs, ${minutes.toFixed(0)} min on 2 cores${ledger.history.length > 1 ? ` over ${ledger.history.length} runs` : ""}. Score: killed (timeouts included) over every mutant`,
    `not ignored as equivalent. Goal: ≥ ${GOAL} % in every file. The results per file: [${core}.results.json](${core}.results.json).`,
    "",
    ...(oneCommit ? [] : [
      "The core was measured in parts (`--files`, or runs stopped early: `--partial`), the minutes summed over them; the table says the commit that measured each file.",
      ""
    ]),
    ...(ledger.exhaustive
      ? []
      : [
        "The exhaustive explorations (`properties/*.exhaustive.test.ts`) were left out of this run (`--skip-exhaustive`): each",
        "surviving mutant would pay minutes for them. A mutant only they would kill counts as surviving, so the score is a lower bound.",
        ""
      ]),
    ...(partial.length === 0 ? [] : [
      `**Partial: ${partial.length} file${partial.length === 1 ? "" : "s"} measured in part** (a run stopped before it reported every mutant): the figures cover the mutants reported.`,
      ""
    ]),
    ...(unmeasured.length === 0 ? [] : [
      `**Not measured yet: ${unmeasured.length} of the core's ${unmeasured.length + files.length} files**; the figures below cover the others.`,
      ""
    ]),
    `**Whole core: ${pct(scoreOf(all))}** (${all.killed + all.timeout} of ${all.killed + all.timeout + all.survived + all.noCoverage} killed, ${all.ignored} marked equivalent, ${all.statics} static mutants not run, ${all.errors} not compiled or errored).`,
    "",
    ...(oneCommit
      ? ["| file | killed | timeout | survived | no coverage | equivalent | static (not run) | score | goal |", "|---|---|---|---|---|---|---|---|---|"]
      : [
        "| file | commit | killed | timeout | survived | no coverage | equivalent | static (not run) | score | goal |",
        "|---|---|---|---|---|---|---|---|---|---|"
      ]),
    ...rows,
    ...unmeasured.map((f) => `| \`${f}\` |${oneCommit ? "" : " – |"} – | – | – | – | – | – | – | not measured yet |`),
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

/** Where the event recorder writes a run's results as they come. */
const eventsDir = (core: Core): string => `reports/mutation/events-${core}`

/** The settings a run starts with, kept beside its events so that a stopped run can be recorded. */
interface Started {
  readonly commit: string
  readonly started: number
  readonly runs: number
  readonly exhaustive: boolean
  /** The files it mutates (not recorded by runs before it was). */
  readonly files?: ReadonlyArray<string>
}

/** The core's recorded results; a record that cannot be read ends the command with one line naming it. */
const ledgerOf = (core: Core): Ledger | undefined => {
  try {
    return readLedger(core)
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e))
  }
}

/**
 * Records what a run measured: its files, and the files it mutated that have
 * no mutant (types only), measured with nothing to report so that they do
 * not read as not measured. Merged into the record as it is now (another
 * command may have recorded results while the run went on).
 */
const record = (core: Core, start: Started, measured: Readonly<Record<string, FileResult>>, withoutMutants: ReadonlyArray<string>, minutes: number): void => {
  const empty = Object.fromEntries(withoutMutants.filter((f) => !(f in measured)).map((f) => [f, fileResult(start.commit, "", [])]))
  const { commit, exhaustive, runs: cap, started } = start
  writeLedger(core, merged(ledgerOf(core), { ...empty, ...measured }, { commit, started, runs: cap, exhaustive, minutes }))
}

/** Runs Stryker over one core (or a part) and records the files it measured; false when it failed. */
const mutate = (core: Core): boolean => {
  const started = Date.now()
  // The commit the sandbox is copied from: merges during a run do not change what it measured.
  const commit = execSync("git rev-parse --short HEAD").toString().trim()
  const ledger = ledgerOf(core)
  if (part !== undefined && ledger !== undefined && (ledger.runs !== runs || ledger.exhaustive !== exhaustive)) {
    console.error(
      `mutation: a part must use the settings of the results it completes (--runs ${ledger.runs}${ledger.exhaustive ? "" : " --skip-exhaustive"})`
    )
    return false
  }
  console.log(`mutation: ${core} (property suites capped at ${runs} runs)`)
  mkdirSync("reports/mutation", { recursive: true })
  // A new run's events replace the last one's: `--partial` reads this run alone.
  rmSync(eventsDir(core), { recursive: true, force: true })
  const files = part ?? sourceFiles(core)
  const start: Started = { commit, started, runs, exhaustive, files }
  writeFileSync(`reports/mutation/${core}.started.json`, JSON.stringify(start))
  const result = spawnSync("npx", ["stryker", "run", "scripts/mutation/stryker.config.mjs"], {
    stdio: "inherit",
    env: {
      ...process.env,
      REPLICORE_MUTATE: core,
      REPLICORE_RUNS_CAP: String(runs),
      REPLICORE_REPORT_DIR: "reports/mutation/checks",
      REPLICORE_SKIP_EXHAUSTIVE: exhaustive ? "0" : "1",
      ...(part === undefined ? {} : { REPLICORE_FILES: part.join(",") })
    }
  })
  if (result.status !== 0 || !existsSync(`reports/mutation/${core}.json`)) return false
  const report = JSON.parse(readFileSync(`reports/mutation/${core}.json`, "utf8")) as {
    readonly files: Record<string, { readonly source: string; readonly mutants: ReadonlyArray<Mutant> }>
  }
  // (only the files this run mutated: the report also carries results an incremental run reused for others)
  const measured = Object.fromEntries(
    Object.entries(report.files).filter(([path]) => files.includes(path)).map(([path, f]) => [path, fileResult(commit, f.source, f.mutants)])
  )
  record(core, start, measured, files, (Date.now() - started) / 60_000)
  return true
}

/** Records a run stopped before its end from its events: every mutant reported so far, by file, against the mutants it planned. */
const recordPartial = (core: Core): boolean => {
  const dir = eventsDir(core)
  if (!existsSync(dir) || !existsSync(`reports/mutation/${core}.started.json`)) return false
  const start = JSON.parse(readFileSync(`reports/mutation/${core}.started.json`, "utf8")) as Started
  const names = readdirSync(dir).sort()
  const pathOf = (fileName: string): string => (isAbsolute(fileName) ? relative(process.cwd(), fileName) : fileName)
  const plan = names.find((n) => n.endsWith("-onMutationTestingPlanReady.json"))
  const planned: Record<string, number> = {}
  const plans = plan === undefined
    ? []
    : (JSON.parse(readFileSync(`${dir}/${plan}`, "utf8")) as { mutantPlans: ReadonlyArray<{ mutant: { fileName: string } }> }).mutantPlans
  for (const { mutant } of plans) planned[pathOf(mutant.fileName)] = (planned[pathOf(mutant.fileName)] ?? 0) + 1
  const byFile: Record<string, Array<Mutant>> = {}
  for (const name of names.filter((n) => n.endsWith("-onMutantTested.json"))) {
    const m = JSON.parse(readFileSync(`${dir}/${name}`, "utf8")) as Mutant & { fileName: string }
    ;(byFile[pathOf(m.fileName)] ??= []).push(m)
  }
  // The events carry no source: each file as it was at the run's commit.
  const measured = Object.fromEntries(Object.entries(byFile).map(([path, mutants]) => [
    path,
    fileResult(start.commit, execSync(`git show ${start.commit}:${path}`).toString(), mutants, planned[path])
  ]))
  // (a file the plan does not name has no mutant: the plan lists every mutant the run would test)
  const unplanned = plan === undefined ? [] : (start.files ?? []).filter((f) => !(f in planned))
  const last = Math.max(start.started, ...names.map((n) => statSync(`${dir}/${n}`).mtimeMs))
  record(core, start, measured, unplanned, (last - start.started) / 60_000)
  return true
}

mkdirSync("docs/mutation", { recursive: true })
for (const core of cores) {
  if (values.partial && !recordPartial(core)) {
    console.error(`mutation: ${core} has no recorded run to take results from (${eventsDir(core)})`)
    process.exitCode = 1
    continue
  }
  if (!values.partial && !values.render && !mutate(core)) {
    console.error(`mutation: ${core} failed; no results recorded`)
    process.exitCode = 1
    continue
  }
  const ledger = ledgerOf(core)
  if (ledger === undefined) {
    console.error(`mutation: ${core} has no recorded results (run \`npm run mutation -- ${core}\` first)`)
    process.exitCode = 1
    continue
  }
  const { markdown, score, met } = render(core, ledger)
  writeFileSync(`docs/mutation/${core}.md`, markdown)
  console.log(`mutation: ${core} ${pct(score)}; every file measured whole and ≥ ${GOAL} %: ${met ? "yes" : "no"}; wrote docs/mutation/${core}.md`)
}

/** The index: one line per core that has a report. */
const index = CORES.filter((core) => existsSync(`docs/mutation/${core}.md`)).map((core) => {
  const text = readFileSync(`docs/mutation/${core}.md`, "utf8")
  const whole = /\*\*Whole core: ([^*]+)\*\*/.exec(text)?.[1] ?? "?"
  const at = /at commit `([^`]+)`|commits up to `([^`]+)`/.exec(text)?.slice(1).find((c) => c !== undefined) ?? "?"
  const unmeasured = /\*\*Not measured yet: ([^*]+)\*\*/.exec(text)?.[1]
  const how = text.includes("**Partial:") ? ", a part of it from a run stopped early" : text.includes("measured in parts") ? ", in parts: the newest" : ""
  const partly = /\*\*Partial: ([^*]+)\*\*/.exec(text)?.[1]
  const rest = [unmeasured === undefined ? "" : `; not measured yet: ${unmeasured}`, partly === undefined ? "" : `; ${partly}`].join("")
  return `- [${core}](${core}.md): ${whole} (commit \`${at}\`${how}${rest})`
})
writeFileSync(
  "docs/mutation/README.md",
  ["# Mutation testing", "", "How many deliberately wrong lines each core's checks notice (`npm run mutation`; not run in CI).", "", ...index, ""].join("\n")
)
