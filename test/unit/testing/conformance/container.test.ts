/**
 * The container conformance kit, proven both ways: replicore's container and a
 * correct mutable one pass the model-based suite and the exhaustive
 * exploration; the same mutable one with `remove` answering in argument order
 * fails with a shrunk counterexample that names the invariant, from
 * `checkContainer` and from a plain `fc.assert`.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { SEED } from "../../../../properties/support/settings.js"
import { checkContainer, containerProperty } from "../../../../src/testing/index.js"
import { failureOf, mutableContainer, replicoreContainer } from "./adapters.js"

const RUNS = 100

describe("checkContainer", () => {
  it("passes replicore's container: every C1–C5 after every operation, and the exhaustive scope to its fixpoint", () => {
    const report = checkContainer(replicoreContainer, { seed: SEED, numRuns: RUNS })
    expect(report.invariants).toEqual(["C1", "C2", "C3", "C4", "C5"])
    expect(report.model).toMatchObject({ seed: SEED, runs: RUNS })
    expect(report.model.commands).toBeGreaterThan(RUNS * 10)
    expect(report.exhaustive).toMatchObject({ complete: true, depth: 4 })
    expect(report.exhaustive?.states).toBeGreaterThan(1000)
    for (const id of report.invariants) expect(report.evaluations[id] ?? 0, id).toBeGreaterThan(10_000)
  })

  it("passes a correct mutable container (C5 does not apply: it works on copies)", () => {
    // Model-based only: the exhaustive scope is the one replicore's container is explored over above.
    const report = checkContainer(mutableContainer({ removeInArgumentOrder: false }), { seed: SEED, numRuns: RUNS, exhaustive: false })
    expect(report.invariants).toEqual(["C1", "C2", "C3", "C4"])
    expect(report.exhaustive).toBeUndefined()
  })

  it("fails a container whose remove answers in argument order: C4, seed, path and a shrunk counterexample", () => {
    const failure = failureOf(() => checkContainer(mutableContainer({ removeInArgumentOrder: true }), { seed: SEED, numRuns: RUNS }))
    expect(failure).toMatchObject({ core: "container", check: "model", invariant: "C4", seed: SEED })
    expect(failure.path).toMatch(/^\d+(:\d+)*$/)
    // Shrunk: two replicas added, then one remove naming them out of order.
    expect(failure.counterexample).toHaveLength(3)
    expect(failure.counterexample[2]).toMatch(/^remove\(/)
    expect(failure.message).toContain(`invariant C4 fails (model-based, seed ${SEED}, path ${failure.path}) after:`)
    expect(failure.message).toContain("Counterexample:")
  })

  it("the exhaustive exploration alone finds a shortest counterexample", () => {
    const failure = failureOf(() =>
      checkContainer(mutableContainer({ removeInArgumentOrder: true }), { seed: SEED, numRuns: 1, maxCommands: 1 })
    )
    expect(failure).toMatchObject({ check: "exhaustive", invariant: "C4" })
    expect(failure.counterexample).toHaveLength(3)
    expect(failure.counterexample[2]).toMatch(/^remove\(\{"ids":\["b","a"\]\}\)$/)
  })
})

describe("containerProperty", () => {
  it("runs under a plain fc.assert: replicore's container passes", () => {
    fc.assert(containerProperty(replicoreContainer), { seed: SEED, numRuns: 50 })
  })

  it("and fc.assert reports the broken one with its seed, the invariant and the shrunk operations", () => {
    let error: unknown
    try {
      fc.assert(containerProperty(mutableContainer({ removeInArgumentOrder: true })), { seed: SEED, numRuns: RUNS })
    } catch (e) {
      error = e
    }
    // fast-check 4 reports the seed, the path and the shrunk commands, and attaches the violation as the cause.
    expect(error).toBeInstanceOf(Error)
    const { cause, message } = error as Error
    expect(message).toContain(`seed: ${SEED}`)
    expect(message).toMatch(/Counterexample: \[undefined,add\(.*\),add\(.*\),remove\(/)
    expect(message).toMatch(/Shrunk \d+ time/)
    expect(String((cause as Error).message)).toMatch(/^invariant C4 \(agrees with the reference model\) fails after:\n {2}1\. add/)
  })
})
