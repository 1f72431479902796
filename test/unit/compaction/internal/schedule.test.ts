/**
 * `schedule`: levelled moves into waves. Levels run in order; a level splits into waves of at most
 * `maxSurge` steps of a deployment and at most `maxConcurrent` steps in all, taking from one queue per
 * deployment, in deployment order, in turn.
 */
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { schedule } from "../../../../src/compaction/internal/schedule.js"

// Deployments a (index 0, maxSurge 2) and b (index 1, maxSurge 1); replicas listed b, a, b, a, a.
const instance = instanceOf({
  nodes: [{ id: "n0", capacity: { CPU: 8 } }, { id: "n1", capacity: { CPU: 8 } }],
  deployments: [{ id: "a", demand: { CPU: 1 }, maxSurge: 2 }, { id: "b", demand: { CPU: 1 }, maxSurge: 1 }],
  replicas: [
    { id: "r0", deployment: "b", node: "n0" },
    { id: "r1", deployment: "a", node: "n0" },
    { id: "r2", deployment: "b", node: "n0" },
    { id: "r3", deployment: "a", node: "n0" },
    { id: "r4", deployment: "a", node: "n0" }
  ]
})

const waves = (level: ReadonlyArray<number>, maxConcurrent: number) =>
  schedule(instance, Int32Array.from(level), maxConcurrent).map((w) => w.replicas)

describe("schedule", () => {
  it("starts each wave's turn with the lowest deployment, whatever the replica order", () => {
    // r0 (b) comes first in replica order, but a's queue is served first.
    expect(waves([1, 1, 0, 0, 0], 1)).toEqual([[1], [0]])
    expect(waves([1, 0, 0, 1, 0], 1)).toEqual([[3], [0]])
  })

  it("takes up to maxSurge of each deployment per wave, the queues in turn, within maxConcurrent", () => {
    // a: r1, r3, r4 (2 per wave); b: r0, r2 (1 per wave).
    expect(waves([1, 1, 1, 1, 1], Infinity)).toEqual([[0, 1, 3], [2, 4]])
    // One step a wave: a's queue, then b's, then a's, in turn.
    expect(waves([1, 1, 1, 1, 1], 1)).toEqual([[1], [0], [3], [2], [4]])
    // Two a wave: a's two first, then b's one and a's last.
    expect(waves([1, 1, 1, 1, 1], 2)).toEqual([[1, 3], [0, 4], [2]])
  })

  it("fills a wave's last places within maxConcurrent, whatever maxSurge would allow", () => {
    // c (maxSurge 1): s0; d (maxSurge 2): s1, s2. Two a wave: c's one and one of d's, then d's other.
    const two = instanceOf({
      nodes: [{ id: "n0", capacity: { CPU: 8 } }, { id: "n1", capacity: { CPU: 8 } }],
      deployments: [{ id: "c", demand: { CPU: 1 }, maxSurge: 1 }, { id: "d", demand: { CPU: 1 }, maxSurge: 2 }],
      replicas: [
        { id: "s0", deployment: "c", node: "n0" },
        { id: "s1", deployment: "d", node: "n0" },
        { id: "s2", deployment: "d", node: "n0" }
      ]
    })
    expect(schedule(two, Int32Array.from([1, 1, 1]), 2).map((w) => w.replicas)).toEqual([[0, 1], [2]])
  })

  it("runs levels in order and leaves replicas of level 0 out", () => {
    expect(waves([2, 0, 1, 0, 3], Infinity)).toEqual([[2], [0], [4]])
    expect(waves([0, 0, 0, 0, 0], Infinity)).toEqual([])
  })
})
