/**
 * Replica ids (`deployment#seq`): the sequence number and the deployment read
 * back from one; a node that has just joined.
 */
import { describe, expect, it } from "vitest"
import { deploymentOf, emptyNode, replicaId, seqOf } from "../../../../src/lifecycle/internal/state.js"

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

  it("splits at the last #, even when nothing comes before it", () => {
    expect(seqOf("#5")).toBe(5)
    expect(deploymentOf("#5")).toBe("")
    expect(seqOf("a#b#12")).toBe(12)
    expect(deploymentOf("a#b#12")).toBe("a#b")
  })
})

describe("emptyNode", () => {
  it("holds nothing: no resource used in any column, no replica", () => {
    const node = emptyNode(["CPU", "GPU", "memory"], { id: "n1", capacity: { CPU: 4, GPU: 1 }, releasable: true })
    expect(node.used).toEqual([0, 0, 0])
    expect([node.held, node.live, node.running, node.replicas, node.perDeployment.size, node.released])
      .toEqual([0, 0, 0, [], 0, false])
  })
})
