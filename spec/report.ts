/**
 * The report a check writes about one run: what it checked, how far, and how
 * often each invariant was evaluated. `docs/invariants.md` and the
 * verification report are rendered from these reports.
 */
import { readdir, readFile } from "node:fs/promises"
import { join } from "node:path"
import type { CheckKind, Core } from "./registry.js"

export interface CheckReport {
  /** A stable name: `file › check`. */
  readonly check: string
  readonly core: Core
  readonly kind: CheckKind
  /** The bound in words, e.g. `seed 7, 200 runs × ≤ 60 commands`. */
  readonly bound: string
  readonly seed?: number
  readonly runs?: number
  readonly commands?: number
  readonly distinctStates?: number
  readonly transitions?: number
  readonly depth?: number
  readonly complete?: boolean
  /** Evaluations per invariant id in this run. */
  readonly evaluations: Readonly<Record<string, number>>
}

/** Where checks write their reports; `properties:deep` writes elsewhere so the docs keep CI's budget. */
export const reportDirectory = (): string => process.env["REPLICORE_REPORT_DIR"] ?? "reports/checks"

/** Reads every report a check run left, sorted by check name. */
export const readReports = async (directory: string = reportDirectory()): Promise<ReadonlyArray<CheckReport>> => {
  const names = (await readdir(directory).catch(() => [] as Array<string>)).filter((n) => n.endsWith(".json"))
  const reports = await Promise.all(
    names.map(async (n) => JSON.parse(await readFile(join(directory, n), "utf8")) as CheckReport)
  )
  return reports.sort((a, b) => a.check.localeCompare(b.check))
}
