/** `sequence` and `sequenceRepaired`: levels as soon as possible, and blocked moves cancelled. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../../src/index.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import { sequence, sequenceRepaired } from "../../../../src/compaction/internal/sequence.js"

// Two full nodes a, b (CPU 4) that swap their replicas, and c with room for one more.
const instance = fromSnapshot(Compaction.validateOrThrow({
  nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 4 } }],
  deployments: [{ id: "three", demand: { CPU: 3 } }, { id: "one", demand: { CPU: 1 } }],
  replicas: [
    { id: "p", deployment: "three", node: "a" },
    { id: "q", deployment: "one", node: "a" },
    { id: "s", deployment: "three", node: "b" },
    { id: "t", deployment: "one", node: "c" }
  ]
}))
const [A, B, C] = [0, 1, 2]
const none = new Int32Array(4)

describe("sequence", () => {
  it("puts a move after the departure that makes its room", () => {
    // q leaves a for c in level 1; t moves from c to a in level 2, once q's departure made room.
    const to = Int32Array.from([A, C, B, A])
    const level = sequence(instance, instance.replicaNode, to, none)
    expect(level && [...level]).toEqual([0, 1, 0, 2])
  })

  it("is undefined when the moves block each other", () => {
    // p (3) and s (3) swap full nodes: neither has room first.
    const to = Int32Array.from([B, A, A, C])
    expect(sequence(instance, instance.replicaNode, to, none)).toBeUndefined()
  })
})

describe("sequenceRepaired", () => {
  it("orders as sequence does when nothing blocks, on a copy of the target", () => {
    const to = Int32Array.from([A, C, B, A])
    const repaired = sequenceRepaired(instance, instance.replicaNode, to, none)
    expect(repaired && [...repaired.level]).toEqual([0, 1, 0, 2])
    expect(repaired && [...repaired.target]).toEqual([A, C, B, A])
    expect(repaired?.target).not.toBe(to)
  })

  it("is undefined when no blocked replica fits back on its own node in the target", () => {
    // p and s swap full nodes; either one staying home would overfill it.
    expect(sequenceRepaired(instance, instance.replicaNode, Int32Array.from([B, A, A, C]), none)).toBeUndefined()
  })
})
