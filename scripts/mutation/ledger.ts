/**
 * The results of a core's mutation runs, kept per file in
 * `docs/mutation/<core>.results.json` (committed): each file as the last run
 * that reported all of its mutants measured it, at that run's commit. A run
 * over a part of the core (`--files`), or one stopped before its end
 * (`--partial`), updates the files it measured and leaves the others as they
 * were, so that a core too large for one sitting is measured over several,
 * on any machine. Killed mutants are counted; the others are kept whole,
 * with the source line they start on, to be listed and matched against
 * `equivalent.ts` when the report is written.
 *
 * @example
 * const results = { "src/slots/SlotState.ts": fileResult(commit, source, report.files["src/slots/SlotState.ts"].mutants) }
 * writeLedger("slots", merged(readLedger("slots"), results, { commit, started, minutes, runs: 200, exhaustive: true }))
 */
import { Either, ParseResult, Schema } from "effect"
import { existsSync, readFileSync, writeFileSync } from "node:fs"

interface Position {
  readonly line: number
  readonly column: number
}

/** A mutant as Stryker's JSON report and event recorder give it. */
export interface Mutant {
  readonly mutatorName: string
  readonly replacement?: string
  readonly location: { readonly start: Position; readonly end: Position }
  readonly status: string
  readonly statusReason?: string
}

/** A mutant that was not killed: enough to list it and to match it against `equivalent.ts`. */
const Kept = Schema.Struct({
  mutator: Schema.String,
  replacement: Schema.optionalWith(Schema.String, { exact: true }),
  /** The line it starts on, and that line's trimmed source. */
  line: Schema.Number,
  code: Schema.String,
  /** The code it replaces. */
  original: Schema.String,
  status: Schema.String,
  reason: Schema.optionalWith(Schema.String, { exact: true })
})
export type Kept = Schema.Schema.Type<typeof Kept>

/** One file as one run measured it. */
const FileResult = Schema.Struct({
  commit: Schema.String,
  killed: Schema.Number,
  timeout: Schema.Number,
  /** Module-level constants, not run (`ignoreStatic`). */
  statics: Schema.Number,
  /** Mutants that did not compile or made the run error. */
  errors: Schema.Number,
  kept: Schema.Array(Kept),
  /** How many of the file's mutants the run planned, when it reported fewer (a run stopped early). */
  planned: Schema.optionalWith(Schema.Number, { exact: true })
})
export type FileResult = Schema.Schema.Type<typeof FileResult>

/** What a run was: its commit, settings and length. */
const RunInfo = Schema.Struct({
  commit: Schema.String,
  /** When it started (ms since the epoch): a stopped run recorded twice counts once. */
  started: Schema.Number,
  minutes: Schema.Number,
  /** The property runs each suite was capped at. */
  runs: Schema.Number,
  /** False when the exhaustive explorations were left out (`--skip-exhaustive`). */
  exhaustive: Schema.Boolean
})
export type RunInfo = Schema.Schema.Type<typeof RunInfo>

/** Every file's latest result, under one setting of property runs and exhaustive explorations. */
const Ledger = Schema.Struct({
  runs: Schema.Number,
  exhaustive: Schema.Boolean,
  /** The runs whose results the ledger holds, oldest first. */
  history: Schema.Array(Schema.extend(RunInfo, Schema.Struct({ files: Schema.Number, stopped: Schema.Boolean }))),
  files: Schema.Record({ key: Schema.String, value: FileResult })
})
export type Ledger = Schema.Schema.Type<typeof Ledger>

/** Stryker's reason for a static mutant it did not run. */
const isStatic = (m: Mutant): boolean => m.status === "Ignored" && (m.statusReason ?? "").startsWith("Static mutant")

/** The code a mutant replaces, cut from the source it was made from. */
const originalOf = (lines: ReadonlyArray<string>, m: Mutant): string => {
  const { end, start } = m.location
  return start.line === end.line
    ? lines[start.line - 1]?.slice(start.column - 1, end.column - 1) ?? ""
    : [lines[start.line - 1]?.slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]?.slice(0, end.column - 1)].join("\n")
}

/** One file's result from its mutants and source; `planned` when the run planned more than it reported. */
export const fileResult = (commit: string, source: string, mutants: ReadonlyArray<Mutant>, planned?: number): FileResult => {
  const lines = source.split("\n")
  const count = (status: string) => mutants.filter((m) => m.status === status).length
  const [killed, timeout, statics] = [count("Killed"), count("Timeout"), mutants.filter(isStatic).length]
  const kept = mutants
    .filter((m) => m.status === "Survived" || m.status === "NoCoverage" || (m.status === "Ignored" && !isStatic(m)))
    .map((m): Kept => ({
      mutator: m.mutatorName,
      ...(m.replacement === undefined ? {} : { replacement: m.replacement }),
      line: m.location.start.line,
      code: lines[m.location.start.line - 1]?.trim() ?? "",
      original: originalOf(lines, m),
      status: m.status,
      ...(m.statusReason === undefined ? {} : { reason: m.statusReason })
    }))
  return {
    commit,
    killed,
    timeout,
    statics,
    // (what is none of the others: a mutant that did not compile, or a run error)
    errors: mutants.length - killed - timeout - statics - kept.length,
    kept,
    ...(planned !== undefined && planned > mutants.length ? { planned } : {})
  }
}

/** Whether a result reports every mutant its run planned for the file. */
export const complete = (f: FileResult): boolean => f.planned === undefined

/** How many mutants a result reports. */
export const reported = (f: FileResult): number => f.killed + f.timeout + f.statics + f.errors + f.kept.length

const pathOf = (core: string): string => `docs/mutation/${core}.results.json`

/**
 * The core's ledger, or undefined before its first recorded run; a file that
 * is not JSON, or not of a ledger's shape, throws one line naming it and the item.
 */
export const readLedger = (core: string): Ledger | undefined => {
  const path = pathOf(core)
  if (!existsSync(path)) return undefined
  const decoded = Schema.decodeUnknownEither(Schema.parseJson(Ledger))(readFileSync(path, "utf8"))
  if (Either.isRight(decoded)) return decoded.right
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
  throw new Error(`${path}: ${issue === undefined || issue.path.length === 0 ? "" : `${issue.path.join(".")}: `}${issue?.message ?? "not a record of mutation results"}`)
}

export const writeLedger = (core: string, ledger: Ledger): void => writeFileSync(pathOf(core), `${JSON.stringify(ledger, null, 1)}\n`)

/**
 * The ledger after a run: a file the run reported whole replaces its entry;
 * a file it reported in part replaces only a partial entry with fewer
 * mutants reported (a whole older result stays). A run under other settings
 * than the ledger's starts a new ledger.
 */
export const merged = (ledger: Ledger | undefined, results: Readonly<Record<string, FileResult>>, run: RunInfo): Ledger => {
  const same = ledger !== undefined && ledger.runs === run.runs && ledger.exhaustive === run.exhaustive
  const before = same ? ledger.files : {}
  const files: Record<string, FileResult> = { ...before }
  for (const [path, result] of Object.entries(results)) {
    const old = before[path]
    if (old === undefined || complete(result) || (!complete(old) && reported(old) < reported(result))) files[path] = result
  }
  const stopped = Object.values(results).some((f) => !complete(f))
  return {
    runs: run.runs,
    exhaustive: run.exhaustive,
    history: [...(same ? ledger.history.filter((r) => r.started !== run.started) : []), { ...run, files: Object.keys(results).length, stopped }],
    files
  }
}
