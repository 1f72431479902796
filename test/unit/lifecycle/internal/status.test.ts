/** Whether a deployment has been steady for the compaction delay. */
import { describe, expect, it } from "vitest"
import type { DeploymentEntry } from "../../../../src/lifecycle/internal/state.js"
import { isSettled } from "../../../../src/lifecycle/internal/status.js"

/** A deployment entry as isSettled reads it: only since when it has been steady. */
const steadySince = (at: number | null): DeploymentEntry => ({ steadySince: at }) as unknown as DeploymentEntry

describe("isSettled", () => {
  it("never while the deployment is not steady, however late", () => {
    expect(isSettled(steadySince(null), 1e12, 0)).toBe(false)
  })

  it("from steadySince + delay on", () => {
    expect(isSettled(steadySince(100), 149, 50)).toBe(false)
    expect(isSettled(steadySince(100), 150, 50)).toBe(true)
  })
})
