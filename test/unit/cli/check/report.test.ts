import { describe, expect, it } from "vitest"
import type { CheckResult } from "../../../../src/cli/check/Check.js"
import { renderReport } from "../../../../src/cli/check/report.js"
import type { Invariant } from "../../../../spec/registry.js"

const invariant = (id: string): Invariant<never> => ({
  id,
  core: "container",
  title: id,
  statement: id,
  checkedBy: ["model"],
  holds: () => true
})
const REGISTRY = ["C1", "C2", "C3", "C4", "K1"].map(invariant)

const result = (name: string, evaluations: Record<string, number>, failure?: string): CheckResult => ({
  name,
  core: "container",
  kind: "model",
  bound: `${name} bound`,
  reach: `${name} reach`,
  evaluations,
  ...(failure === undefined ? {} : { failure })
})

describe("renderReport", () => {
  it("opens with the verdict over the invariants evaluated, lists each check once, and names those left to other tests", () => {
    const lines = renderReport(REGISTRY, [
      result("first", { C1: 3, C2: 3, C3: 3 }),
      result("second", { C1: 2, C2: 0 })
    ]).split("\n")
    expect(lines[0]).toBe("all 3 invariants hold")
    expect(lines.filter((l) => l.startsWith("ok    first:"))).toEqual(["ok    first: first bound"])
    expect(lines).toContain("      first reach; C1–C3 evaluated 9 times")
    expect(lines).toContain("      second reach; C1 evaluated 2 times")
    expect(lines).toContain("Not evaluated here: C4, K1 (checked by the repository's unit and type tests).")
  })

  it("opens with FAILED and the failed check, and prints its counterexample", () => {
    const report = renderReport(REGISTRY, [result("first", { C1: 1 }), result("second", { C2: 1 }, "seed 7, path 0:1\ncounterexample")])
    const lines = report.split("\n")
    expect(lines[0]).toBe("FAILED: second (1 check of 2)")
    expect(lines).toContain("FAIL  second: second bound")
    expect(report.endsWith("second failed:\n  seed 7, path 0:1\n  counterexample")).toBe(true)
  })
})
