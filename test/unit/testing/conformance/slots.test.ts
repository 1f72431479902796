/**
 * The slot conformance kit, proven both ways: replicore's slot state and a
 * correct mutable semaphore pass; the same semaphore forgetting to drop a
 * released token fails with a shrunk counterexample that names the invariant.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { SEED } from "../../../../properties/support/settings.js"
import { checkSlots, slotProperty } from "../../../../src/testing/index.js"
import { failureOf, mutableSemaphore, replicoreSlots } from "./adapters.js"

const RUNS = 100

describe("checkSlots", () => {
  it("passes replicore's slot state: S1–S6 after every operation, every capacity's scope exhausted", () => {
    const report = checkSlots(replicoreSlots, { seed: SEED, numRuns: RUNS })
    expect(report.invariants).toEqual(["S1", "S2", "S3", "S4", "S5", "S6"])
    expect(report.model).toMatchObject({ seed: SEED, runs: RUNS })
    expect(report.exhaustive?.complete).toBe(true)
    expect(report.exhaustive?.depth).toBeGreaterThanOrEqual(8)
    for (const id of report.invariants) expect(report.evaluations[id] ?? 0, id).toBeGreaterThan(10_000)
  })

  it("passes a correct mutable semaphore", () => {
    expect(checkSlots(mutableSemaphore({ forgetReleasedToken: false }), { seed: SEED, numRuns: RUNS }).exhaustive?.complete).toBe(true)
  })

  it("fails a semaphore that forgets a released token: the invariant, seed, path and a shrunk counterexample", () => {
    const failure = failureOf(() => checkSlots(mutableSemaphore({ forgetReleasedToken: true }), { seed: SEED, numRuns: RUNS }))
    expect(failure).toMatchObject({ core: "slots", check: "model", invariant: "S6", seed: SEED })
    expect(failure.path).toMatch(/^\d+(:\d+)*$/)
    // Shrunk to the shortest story: a token reserved, then released.
    expect(failure.counterexample).toHaveLength(2)
    const token = /^reserve\(\{"token":"(t\d)"\}\)$/.exec(failure.counterexample[0] ?? "")?.[1]
    expect(failure.counterexample).toEqual([`reserve({"token":"${token}"})`, `release({"token":"${token}"})`])
    expect(failure.message).toContain("invariant S6 fails (model-based")
  })
})

describe("slotProperty", () => {
  it("fc.assert reports the broken semaphore with its seed and the invariant", () => {
    let error: unknown
    try {
      fc.assert(slotProperty(mutableSemaphore({ forgetReleasedToken: true })), { seed: SEED, numRuns: RUNS })
    } catch (e) {
      error = e
    }
    const { cause, message } = error as Error
    expect(message).toContain(`seed: ${SEED}`)
    expect(message).toMatch(/Counterexample: \[\d,reserve\(\{"token":"t\d"\}\),release\(/)
    expect(String((cause as Error).message)).toMatch(/^invariant S6 \(agrees with the reference model\) fails after:\n {2}1\. reserve/)
    fc.assert(slotProperty(replicoreSlots), { seed: SEED, numRuns: 50 })
  })
})
