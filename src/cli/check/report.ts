/**
 * The verification report of `replicore check`: a one-line verdict, then
 * each check once (its bound, how far it went, the invariants it
 * evaluated), then the counterexample of a check that failed.
 *
 * @since 0.1.0
 */
import type { Invariant } from "../../../spec/registry.js"
import { type CheckResult, formatCount } from "./Check.js"

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`

/** Invariant ids in registry order, with runs of consecutive ids of one family written `C1–C9`. */
const idList = (ids: ReadonlyArray<string>, order: ReadonlyArray<string>): string => {
  const sorted = [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b))
  const groups: Array<Array<string>> = []
  for (const id of sorted) {
    const group = groups[groups.length - 1]
    const last = group?.[group.length - 1]
    if (group !== undefined && last !== undefined && order.indexOf(id) === order.indexOf(last) + 1) group.push(id)
    else groups.push([id])
  }
  return groups.map((g) => (g.length > 2 ? `${g[0]}–${g[g.length - 1]}` : g.join(", "))).join(", ")
}

/**
 * The report as text, and whether every check passed.
 *
 * @since 0.1.0
 */
export const renderReport = (
  registry: ReadonlyArray<Invariant<never>>,
  results: ReadonlyArray<CheckResult>
): string => {
  const order = registry.map((i) => i.id)
  const evaluated = new Set(results.flatMap((r) => Object.entries(r.evaluations).filter(([, n]) => n > 0).map(([id]) => id)))
  const failed = results.filter((r) => r.failure !== undefined)
  const elsewhere = registry.filter((i) => !evaluated.has(i.id)).map((i) => i.id)
  const verdict = failed.length === 0
    ? `all ${evaluated.size} invariants hold`
    : `FAILED: ${failed.map((r) => r.name).join(", ")} (${plural(failed.length, "check")} of ${results.length})`
  const lines = [
    verdict,
    "",
    ...results.flatMap((r) => {
      const ids = Object.entries(r.evaluations).filter(([, n]) => n > 0).map(([id]) => id)
      const evaluations = Object.values(r.evaluations).reduce((a, b) => a + b, 0)
      return [
        `${r.failure === undefined ? "ok  " : "FAIL"}  ${r.name}: ${r.bound}`,
        `      ${r.reach}; ${idList(ids, order)} evaluated ${formatCount(evaluations)} times`
      ]
    })
  ]
  if (elsewhere.length > 0) {
    lines.push("", `Not evaluated here: ${idList(elsewhere, order)} (checked by the repository's unit and type tests).`)
  }
  for (const r of failed) lines.push("", `${r.name} failed:`, ...(r.failure ?? "").split("\n").map((l) => `  ${l}`))
  return lines.join("\n")
}
