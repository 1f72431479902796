/** Replica ids (`deployment#seq`): the sequence number and the deployment read back from one. */
import { describe, expect, it } from "vitest"
import { deploymentOf, replicaId, seqOf } from "../../../../src/lifecycle/internal/state.js"

describe("replica ids", () => {
  it("reads back the sequence number and the deployment of an id it made", () => {
    expect(seqOf(replicaId("model", 0))).toBe(0)
    expect(seqOf(replicaId("a#b", 1907))).toBe(1907)
    expect(deploymentOf(replicaId("a#b", 3))).toBe("a#b")
  })

  it("answers -1 for an id with no #, nothing after it, or anything but digits after it", () => {
    expect(seqOf("model")).toBe(-1)
    expect(seqOf("model#")).toBe(-1)
    expect(seqOf("model#1x")).toBe(-1)
    expect(seqOf("model#/")).toBe(-1)
    expect(seqOf("model#:")).toBe(-1)
    expect(deploymentOf("model")).toBeUndefined()
  })
})
