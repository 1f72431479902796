/**
 * Mutation testing of the cores: `npm run mutation -- [container|slots|compaction|lifecycle …] [--runs N] [--skip-exhaustive] [--files F,… | --render | --partial]`.
 * Runs StrykerJS (scripts/mutation/stryker.config.mjs) over each core with
 * the property suites capped at N runs (default 200), then writes
 * docs/mutation/<core>.md: per file, the mutants killed, survived, timed out,
 * not covered and ignored (with the reason each equivalent mutant is
 * ignored), the score, and every survivor, and docs/mutation/README.md, one
 * line per core. Incremental: a second run re-tests only what changed.
 * `--render` writes the reports again from the last run's JSON, running nothing.
 * `--partial` renders a run that was stopped before its end from the results
 * recorded so far (reports/mutation/events-<core>/), saying how many mutants
 * were left untested. `--files` runs a part of one core (a core too large for
 * one sitting): the other files keep their results from earlier runs, and the
 * report says which commit measured each file.
 */
import { execSync, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { isAbsolute, relative } from "node:path"
import { parseArgs } from "node:util"
import { type Equivalent, EQUIVALENT } from "./mutation/equivalent.js"
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
const part = values.files?.split(",").map((f) => f.trim()).filter((f) => f.length > 0)
if (part !== undefined) {
  if (cores.length !== 1) fail("--files needs exactly one core, the one the files belong to")
  if (part.length === 0) fail("--files needs at least one file (comma-separated paths)")
  const stray = part.filter((f) => !existsSync(f) || !inCore(cores[0]!, f))
  if (stray.length > 0) fail(`--files: not a source file of ${cores[0]}: ${stray.join(", ")}`)
}

interface Position {
  readonly line: number
  readonly column: number
}
interface Mutant {
  readonly mutatorName: string
  readonly replacement?: string
  readonly location: { readonly start: Position; readonly end: Position }
  readonly status: string
  readonly statusReason?: string
}
interface Report {
  readonly files: Record<string, { readonly source?: string; readonly mutants: ReadonlyArray<Mutant> }>
}

/** The entry of scripts/mutation/equivalent.ts a surviving mutant matches, if any. */
const listedFor = (path: string, source: string | undefined, m: Mutant): Equivalent | undefined => {
  if (m.status !== "Survived" && m.status !== "NoCoverage") return undefined
  const lines = source?.split("\n") ?? []
  const { end, start } = m.location
  const original = start.line === end.line
    ? lines[start.line - 1]?.slice(start.column - 1, end.column - 1)
    : [lines[start.line - 1]?.slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]?.slice(0, end.column - 1)].join("\n")
  const line = lines[start.line - 1]?.trim()
  return EQUIVALENT.find((e) =>
    e.file === path && e.mutator === m.mutatorName && e.replacement === m.replacement && e.line === line && e.original === original
  )
}

/** The report with every listed equivalent survivor turned into an ignored mutant carrying its reason. */
const withListed = (report: Report): { report: Report; used: Set<Equivalent> } => {
  const used = new Set<Equivalent>()
  const files = Object.fromEntries(
    Object.entries(report.files).map(([path, f]) => [path, {
      ...f,
      mutants: f.mutants.map((m) => {
        const listed = listedFor(path, f.source, m)
        if (listed === undefined) return m
        used.add(listed)
        return { ...m, status: "Ignored", statusReason: `${listed.reason} (listed in scripts/mutation/equivalent.ts)` }
      })
    }])
  )
  return { report: { files }, used }
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
/** A table cell: one line, pipes escaped, cut at `max` characters (a replacement is code, a reason a sentence). */
const oneLine = (s: string | undefined, max = 80): string => (s ?? "").replace(/\s+/g, " ").replace(/\|/g, "\\|").slice(0, max)

/** What a report says about its run. */
interface Run {
  readonly commit: string
  readonly minutes: number
  readonly runs: number
  /** False when the exhaustive explorations were left out (`--skip-exhaustive`): the score is then a lower bound. */
  readonly exhaustive?: boolean
  /** For a run stopped early: the mutants it planned per file, of which only the reported ones were tested. */
  readonly planned?: Readonly<Record<string, number>>
  /** For a core run in parts (`--files`): the commit that measured each file. */
  readonly commitOf?: Readonly<Record<string, string>>
}

const render = (core: Core, raw: Report, run: Run): { markdown: string; score: number; met: boolean } => {
  const { commit, minutes, runs } = run
  const { report, used } = withListed(raw)
  for (const e of EQUIVALENT) {
    if (e.file in raw.files && !used.has(e)) console.warn(`mutation: ${core}: listed equivalent mutant matched nothing: ${e.file} ${e.mutator} ${e.line}`)
  }
  const files = Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))
  const all = tallyOf(files.flatMap(([, f]) => f.mutants))
  const rows = files.map(([path, f]) => {
    const t = tallyOf(f.mutants)
    const s = scoreOf(t)
    const planned = run.planned?.[path] ?? f.mutants.length
    const goal = f.mutants.length < planned ? `not reached (${f.mutants.length} of ${planned} reported)` : s >= GOAL ? "met" : "**missed**"
    const at = run.commitOf === undefined ? "" : ` \`${run.commitOf[path] ?? commit}\` |`
    return `| \`${path}\` |${at} ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.ignored} | ${t.statics} | ${pct(s)} | ${goal} |`
  })
  const survivors = files.flatMap(([path, f]) =>
    f.mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .map((m) => `| \`${path}:${m.location.start.line}\` | ${m.mutatorName} | \`${oneLine(m.replacement)}\` | ${m.status} |`)
  )
  const ignored = files.flatMap(([path, f]) =>
    f.mutants.filter((m) => m.status === "Ignored" && !isStatic(m)).map((m) => `| \`${path}:${m.location.start.line}\` | ${m.mutatorName} | ${oneLine(m.statusReason, 240)} |`)
  )
  // A core run in parts that has not reached every file yet: those files are listed, and the goal is not met.
  const measured = run.commitOf
  const unmeasured = measured === undefined ? [] : sourceFiles(core).filter((f) => !(f in report.files) && !(f in measured))
  const met = unmeasured.length === 0 && files.every(([, f]) => scoreOf(tallyOf(f.mutants)) >= GOAL)
  const markdown = [
    `# Mutation testing: ${core}`,
    "",
    `Generated by \`npm run mutation -- ${core}\` (StrykerJS with the vitest runner, \`scripts/mutation/\`) at commit \`${commit}\`,`,
    `property suites capped at ${runs} runs, ${minutes.toFixed(0)} min on 2 cores. Score: killed (timeouts included) over every mutant`,
    `not ignored as equivalent. Goal: ≥ ${GOAL} % in every file.`,
    "",
    ...(run.commitOf === undefined ? [] : [
      "The core was run in parts (`--files`), the minutes summed over them; the table says the commit that measured each file.",
      ""
    ]),
    ...(run.exhaustive === false
      ? [
        "The exhaustive explorations (`properties/*.exhaustive.test.ts`) were left out of this run (`--skip-exhaustive`): each",
        "surviving mutant would pay minutes for them. A mutant only they would kill counts as surviving, so the score is a lower bound.",
        ""
      ]
      : []),
    ...(run.planned === undefined ? [] : [
      `**Partial run**: stopped after ${minutes.toFixed(0)} min with ${files.reduce((n, [, f]) => n + f.mutants.length, 0)} of ${
        Object.values(run.planned).reduce((n, k) => n + k, 0)
      } mutants reported (static ones and those no check covers come first);`,
      "the figures below cover those only, and a file whose mutants were not all reported says so.",
      ""
    ]),
    ...(unmeasured.length === 0 ? [] : [
      `**Not measured yet: ${unmeasured.length} of the core's ${unmeasured.length + files.length} files**; the figures below cover the others.`,
      ""
    ]),
    `**Whole core: ${pct(scoreOf(all))}** (${all.killed + all.timeout} of ${all.killed + all.timeout + all.survived + all.noCoverage} killed, ${all.ignored} marked equivalent, ${all.statics} static mutants not run, ${all.errors} not compiled or errored).`,
    "",
    ...(run.commitOf === undefined
      ? ["| file | killed | timeout | survived | no coverage | equivalent | static (not run) | score | goal |", "|---|---|---|---|---|---|---|---|---|"]
      : [
        "| file | commit | killed | timeout | survived | no coverage | equivalent | static (not run) | score | goal |",
        "|---|---|---|---|---|---|---|---|---|---|"
      ]),
    ...rows,
    ...unmeasured.map((f) => `| \`${f}\` |${run.commitOf === undefined ? "" : " – |"} – | – | – | – | – | – | – | not measured yet |`),
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

/** Runs Stryker over one core and records the run beside its JSON report; false when it failed. */
const mutate = (core: Core): boolean => {
  const started = Date.now()
  // The commit the sandbox is copied from: merges during a run do not change what it measured.
  const commit = execSync("git rev-parse --short HEAD").toString().trim()
  console.log(`mutation: ${core} (property suites capped at ${runs} runs)`)
  mkdirSync("reports/mutation", { recursive: true })
  writeFileSync(`reports/mutation/${core}.started.json`, JSON.stringify({ commit, started, runs, exhaustive }))
  const previous = part === undefined || !existsSync(`reports/mutation/${core}.run.json`)
    ? undefined
    : JSON.parse(readFileSync(`reports/mutation/${core}.run.json`, "utf8")) as Run
  if (previous !== undefined && (previous.runs !== runs || (previous.exhaustive ?? true) !== exhaustive)) {
    console.error(
      `mutation: a part must use the settings of the run it completes (--runs ${previous.runs}${previous.exhaustive === false ? " --skip-exhaustive" : ""})`
    )
    return false
  }
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
  const minutes = (Date.now() - started) / 60_000
  const run: Run = part === undefined
    ? { commit, minutes, runs, exhaustive }
    : {
      commit,
      minutes: minutes + (previous?.minutes ?? 0),
      runs,
      exhaustive,
      commitOf: { ...committedBefore(core, previous), ...Object.fromEntries(part.map((f) => [f, commit])) }
    }
  writeFileSync(`reports/mutation/${core}.run.json`, JSON.stringify(run))
  return true
}

/** The commit that measured each file of a core's last report, before a part of it runs again. */
const committedBefore = (core: Core, previous: Run | undefined): Record<string, string> => {
  if (previous === undefined || !existsSync(`reports/mutation/${core}.json`)) return {}
  const report = JSON.parse(readFileSync(`reports/mutation/${core}.json`, "utf8")) as Report
  // A file with no mutant (types only) is not in the report: its entry stays, so it does not read as not measured.
  return { ...previous.commitOf, ...Object.fromEntries(Object.keys(report.files).map((f) => [f, previous.commitOf?.[f] ?? previous.commit])) }
}

/**
 * The report and run of a stopped run, from its recorded events: every mutant
 * reported so far (static and reused ones included), grouped by file.
 */
const partialOf = (core: Core): { report: Report; run: Run } | undefined => {
  const dir = eventsDir(core)
  if (!existsSync(dir) || !existsSync(`reports/mutation/${core}.started.json`)) return undefined
  const started = JSON.parse(readFileSync(`reports/mutation/${core}.started.json`, "utf8")) as {
    commit: string
    started: number
    runs: number
    exhaustive: boolean
  }
  const names = readdirSync(dir).sort()
  const plan = names.find((n) => n.endsWith("-onMutationTestingPlanReady.json"))
  const tested = names.filter((n) => n.endsWith("-onMutantTested.json"))
  const files: Record<string, { source: string; mutants: Array<Mutant> }> = {}
  for (const name of tested) {
    const m = JSON.parse(readFileSync(`${dir}/${name}`, "utf8")) as Mutant & { fileName: string }
    const path = isAbsolute(m.fileName) ? relative(process.cwd(), m.fileName) : m.fileName
    // The events carry no source: the file as it was at the run's commit.
    ;(files[path] ??= { source: execSync(`git show ${started.commit}:${path}`).toString(), mutants: [] }).mutants.push(m)
  }
  const last = Math.max(started.started, ...names.map((n) => statSync(`${dir}/${n}`).mtimeMs))
  const planned: Record<string, number> = {}
  const plans = plan === undefined
    ? []
    : (JSON.parse(readFileSync(`${dir}/${plan}`, "utf8")) as { mutantPlans: ReadonlyArray<{ mutant: { fileName: string } }> }).mutantPlans
  for (const { mutant } of plans) {
    const path = isAbsolute(mutant.fileName) ? relative(process.cwd(), mutant.fileName) : mutant.fileName
    planned[path] = (planned[path] ?? 0) + 1
  }
  return { report: { files }, run: { commit: started.commit, minutes: (last - started.started) / 60_000, runs: started.runs, exhaustive: started.exhaustive, planned } }
}

mkdirSync("docs/mutation", { recursive: true })
for (const core of cores) {
  if (values.partial) {
    const partial = partialOf(core)
    if (partial === undefined) {
      console.error(`mutation: ${core} has no recorded results (${eventsDir(core)})`)
      process.exitCode = 1
      continue
    }
    const { markdown, score } = render(core, partial.report, partial.run)
    writeFileSync(`docs/mutation/${core}.md`, markdown)
    console.log(`mutation: ${core} partial, ${pct(score)} of what was tested; wrote docs/mutation/${core}.md`)
    continue
  }
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
  const text = readFileSync(`docs/mutation/${core}.md`, "utf8")
  const whole = /\*\*Whole core: ([^*]+)\*\*/.exec(text)?.[1] ?? "?"
  const at = /at commit `([^`]+)`/.exec(text)?.[1] ?? "?"
  const unmeasured = /\*\*Not measured yet: ([^*]+)\*\*/.exec(text)?.[1]
  const how = text.includes("**Partial run**") ? ", a partial run" : text.includes("run in parts") ? ", in parts: the newest" : ""
  const rest = unmeasured === undefined ? "" : `; not measured yet: ${unmeasured}`
  return `- [${core}](${core}.md): ${whole} (commit \`${at}\`${how}${rest})`
})
writeFileSync(
  "docs/mutation/README.md",
  ["# Mutation testing", "", "How many deliberately wrong lines each core's checks notice (`npm run mutation`; not run in CI).", "", ...index, ""].join("\n")
)
