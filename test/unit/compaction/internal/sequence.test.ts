/** `sequence` and `sequenceRepaired`: levels as soon as possible, and blocked moves cancelled. */
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { sequence, sequenceRepaired } from "../../../../src/compaction/internal/sequence.js"

// Two full nodes a, b (CPU 4) that swap their replicas, and c with room for one more.
const instance = instanceOf({
  nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 4 } }],
  deployments: [{ id: "three", demand: { CPU: 3 } }, { id: "one", demand: { CPU: 1 } }],
  replicas: [
    { id: "p", deployment: "three", node: "a" },
    { id: "q", deployment: "one", node: "a" },
    { id: "s", deployment: "three", node: "b" },
    { id: "t", deployment: "one", node: "c" }
  ]
})
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

  it("cancels nothing: moves that block each other are undefined even where sequenceRepaired cancels one", () => {
    // u (a → b) waits for room on b that k, staying there, never makes; u would fit back on a beside f.
    const i = instanceOf({
      nodes: [{ id: "b", capacity: { CPU: 1 } }, { id: "a", capacity: { CPU: 2 } }],
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: [{ id: "u", deployment: "one", node: "a" }, { id: "f", deployment: "one", node: "a" }, { id: "k", deployment: "one", node: "b" }]
    })
    const to = Int32Array.from([0, 1, 0])
    expect(sequence(i, i.replicaNode, to, new Int32Array(3))).toBeUndefined()
    expect(sequenceRepaired(i, i.replicaNode, to, new Int32Array(3))?.target).toEqual(Int32Array.from([1, 1, 0]))
  })
})

// p (on a) and q (on b) both move to c, which has room for one of them until t leaves it for d.
const contest = instanceOf({
  nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 2 } }, { id: "d", capacity: { CPU: 4 } }],
  deployments: [{ id: "one", demand: { CPU: 1 } }],
  replicas: [
    { id: "p", deployment: "one", node: "a" },
    { id: "q", deployment: "one", node: "b" },
    { id: "t", deployment: "one", node: "c" }
  ]
})
const contestTo = Int32Array.from([2, 2, 3])

// u and v of "lim" (at most one per node) on a and b, with a filler of another deployment on each.
const limited = instanceOf({
  nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 4 } }],
  deployments: [{ id: "lim", demand: { CPU: 1 }, maxReplicasPerNode: 1 }, { id: "one", demand: { CPU: 1 } }],
  replicas: [
    { id: "u", deployment: "lim", node: "a" },
    { id: "v", deployment: "lim", node: "b" },
    { id: "f", deployment: "one", node: "a" },
    { id: "g", deployment: "one", node: "b" }
  ]
})

describe("sequence, priority and per-node limits", () => {
  it("gives the contested room to the move of lower priority first, whatever the replicas' order", () => {
    // Priorities p 2, q 1, t 0: t and q take level 1 (q gets c's room), p waits for t's departure.
    const level = sequence(contest, contest.replicaNode, contestTo, Int32Array.from([2, 1, 0]))
    expect(level && [...level]).toEqual([2, 1, 1])
  })

  it("gives the contested room by the replicas' order between moves of equal priority", () => {
    // Priorities p 1, q 1, t 0: p comes before q, so p takes c's room in level 1 (with t) and q waits.
    const level = sequence(contest, contest.replicaNode, contestTo, Int32Array.from([1, 1, 0]))
    expect(level && [...level]).toEqual([1, 2, 1])
  })

  it("holds a move while its destination has its deployment's per-node limit, counting the placement it starts from", () => {
    // u leaves a for c in level 1; v may join a only once u has left: level 2.
    const level = sequence(limited, limited.replicaNode, Int32Array.from([2, 0, 0, 1]), new Int32Array(4))
    expect(level && [...level]).toEqual([1, 2, 0, 0])
  })
})

describe("sequence, arrivals and departures under a per-node limit", () => {
  it("counts a level's arrivals on their node, and frees a departure's place on its own node when the level ends", () => {
    // "lim" allows two per node. w leaves c for a; u and v come to c. In level 1 c holds w and u once u
    // arrives, so v waits; w's departure from c at the end of level 1 lets v in at level 2.
    const i = instanceOf({
      nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 8 } })),
      deployments: [{ id: "lim", demand: { CPU: 1 }, maxReplicasPerNode: 2 }],
      replicas: [
        { id: "u", deployment: "lim", node: "a" },
        { id: "v", deployment: "lim", node: "b" },
        { id: "w", deployment: "lim", node: "c" }
      ]
    })
    const level = sequence(i, i.replicaNode, Int32Array.from([2, 2, 0]), new Int32Array(3))
    expect(level && [...level]).toEqual([1, 2, 1])
  })
})

describe("sequenceRepaired", () => {
  it("is undefined when neither replica of a swap fits back home, though both homes stay in use", () => {
    // x (2 CPU) goes from a (3 CPU, full with x and g) to b (4 CPU, full with y and z), z from b to a: each
    // waits for the other. In the target a holds g and z (3 + 2 > 3 with x back) and b holds y and x
    // (4 + 2 > 4 with z back). Nobody uses the GPU: a second column of every row.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 3, GPU: 1 } }, { id: "b", capacity: { CPU: 4, GPU: 1 } }],
      deployments: [{ id: "two", demand: { CPU: 2 } }, { id: "one", demand: { CPU: 1 } }],
      replicas: [
        { id: "x", deployment: "two", node: "a" },
        { id: "y", deployment: "two", node: "b" },
        { id: "z", deployment: "two", node: "b" },
        { id: "g", deployment: "one", node: "a" }
      ]
    })
    expect(sequenceRepaired(i, i.replicaNode, Int32Array.from([1, 1, 0, 0]), new Int32Array(4))).toBeUndefined()
  })

  it("cancels a move whose replica fills its own node exactly in the target", () => {
    // A target over capacity: u (a → b) waits for room that k, staying on b, never makes. With u back, a
    // (2 CPU, 1 GPU) holds u and f: exactly full, so u stays. Every check is on a's own row, the last one
    // (b's GPU holds u in the target, a's does not).
    const i = instanceOf({
      nodes: [{ id: "b", capacity: { CPU: 1, GPU: 1 } }, { id: "a", capacity: { CPU: 2, GPU: 1 } }],
      deployments: [{ id: "one", demand: { CPU: 1, GPU: 1 } }, { id: "filler", demand: { CPU: 1 } }],
      replicas: [
        { id: "u", deployment: "one", node: "a" },
        { id: "f", deployment: "filler", node: "a" },
        { id: "k", deployment: "filler", node: "b" }
      ]
    })
    const repaired = sequenceRepaired(i, i.replicaNode, Int32Array.from([0, 1, 0]), new Int32Array(3))
    expect(repaired && [...repaired.level]).toEqual([0, 0, 0])
    expect(repaired && [...repaired.target]).toEqual([1, 1, 0])
  })

  it("does not cancel a move whose own node the target leaves empty", () => {
    // A target over capacity: u, alone on a, waits for room on b that k never makes. u would fit back on a,
    // but a holds nothing else in the target, so no move can be cancelled.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 2 } }, { id: "b", capacity: { CPU: 1 } }],
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: [{ id: "u", deployment: "one", node: "a" }, { id: "k", deployment: "one", node: "b" }]
    })
    expect(sequenceRepaired(i, i.replicaNode, Int32Array.from([1, 1]), new Int32Array(2))).toBeUndefined()
  })

  it("is undefined when every blocked replica staying home would go over its per-node limit in the target", () => {
    // u and v swap a and b (each waits for the other to leave: one "lim" per node); u staying on a would
    // meet v there in the target, and v staying on b would meet u: neither move can be cancelled.
    const to = Int32Array.from([1, 0, 0, 1])
    expect(sequenceRepaired(limited, limited.replicaNode, to, new Int32Array(4))).toBeUndefined()
  })

  it("orders as sequence does when nothing blocks, on a copy of the target", () => {
    const to = Int32Array.from([A, C, B, A])
    const repaired = sequenceRepaired(instance, instance.replicaNode, to, none)
    expect(repaired && [...repaired.level]).toEqual([0, 1, 0, 2])
    expect(repaired && [...repaired.target]).toEqual([A, C, B, A])
    expect(repaired?.target).not.toBe(to)
  })

  it("counts each cancelled move's replica back on its own node and off its destination, for the next cancellation", () => {
    // A target over the limit: k, another "lim", stays on c. u (a → b) waits for v to leave b, v (b → c)
    // waits for k: a deadlock. u is cancelled first (a has no "lim" in the target), which leaves b with no
    // "lim" in the target: v can then stay on b too. Nothing moves.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 4 } }],
      deployments: [{ id: "lim", demand: { CPU: 1 }, maxReplicasPerNode: 1 }, { id: "one", demand: { CPU: 1 } }],
      replicas: [
        { id: "u", deployment: "lim", node: "a" },
        { id: "v", deployment: "lim", node: "b" },
        { id: "k", deployment: "lim", node: "c" },
        { id: "f", deployment: "one", node: "a" },
        { id: "g", deployment: "one", node: "b" }
      ]
    })
    const repaired = sequenceRepaired(i, i.replicaNode, Int32Array.from([1, 2, 2, 0, 1]), new Int32Array(5))
    expect(repaired && [...repaired.level]).toEqual([0, 0, 0, 0, 0])
    expect(repaired && [...repaired.target]).toEqual([0, 1, 2, 0, 1])
  })

  it("is undefined when no blocked replica fits back on its own node in the target", () => {
    // p and s swap full nodes; either one staying home would overfill it.
    expect(sequenceRepaired(instance, instance.replicaNode, Int32Array.from([B, A, A, C]), none)).toBeUndefined()
  })

  // Nodes a (3 CPU), b (2 CPU) and c (1 CPU); one deployment of 1 CPU.
  const chain = (replicas: ReadonlyArray<readonly [string, string]>) =>
    instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 3 } }, { id: "b", capacity: { CPU: 2 } }, { id: "c", capacity: { CPU: 1 } }],
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: replicas.map(([id, node]) => ({ id, deployment: "one", node }))
    })

  it("takes a cancelled replica's load off its destination and counts it on its own node, for the next cancellations", () => {
    // u1, u2 and f on a; v and g on b (full); k on c (full). Target: u1 and u2 to b, v to c, the others stay.
    // u1 and u2 wait for v to leave b, v waits for room on c: u1 is cancelled (a holds f in the target: 2 ≤ 3),
    // then u2 (a holds f and u1: 3 ≤ 3), then v (b holds g alone once u1 and u2 are off it: 2 ≤ 2). Nothing moves.
    const i = chain([["u1", "a"], ["u2", "a"], ["f", "a"], ["v", "b"], ["g", "b"], ["k", "c"]])
    const repaired = sequenceRepaired(i, i.replicaNode, Int32Array.from([1, 1, 0, 2, 1, 2]), new Int32Array(6))
    expect(repaired && [...repaired.level]).toEqual([0, 0, 0, 0, 0, 0])
    expect(repaired && [...repaired.target]).toEqual([0, 0, 0, 1, 1, 2])
  })

  it("does not cancel a move home to a node that an earlier cancellation left empty in the target", () => {
    // u and f on a (2 CPU), v alone on b (1 CPU, full), k on c (1 CPU, full). Target: u to b, v to c. u waits for
    // v to leave b, v for room on c: u is cancelled (a holds f in the target), which leaves b empty in the
    // target, so v may not stay there: nothing else can be cancelled.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 2 } }, { id: "b", capacity: { CPU: 1 } }, { id: "c", capacity: { CPU: 1 } }],
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: [["u", "a"], ["f", "a"], ["v", "b"], ["k", "c"]].map(([id, node]) => ({ id: id ?? "", deployment: "one", node: node ?? "" }))
    })
    expect(sequenceRepaired(i, i.replicaNode, Int32Array.from([1, 0, 2, 2]), new Int32Array(4))).toBeUndefined()
  })

  it("keeps counting the replicas of a node that is both the home of one cancelled move and the destination of another", () => {
    // a (3 CPU, full) holds r1, r3 and f; y (2 CPU) r2 and g; z (1 CPU, full) k. Target: r1 and r3 to z, r2 to a.
    // Every move waits. r1 is cancelled (a holds f and r2 in the target: 3 ≤ 3), then r2 (y holds g: 2 ≤ 2),
    // which leaves a holding f and r1; then r3 (a stays in use: 3 ≤ 3). Nothing moves.
    const i = instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 3 } }, { id: "y", capacity: { CPU: 2 } }, { id: "z", capacity: { CPU: 1 } }],
      deployments: [{ id: "one", demand: { CPU: 1 } }],
      replicas: [["r1", "a"], ["r2", "y"], ["r3", "a"], ["f", "a"], ["g", "y"], ["k", "z"]].map(([id, node]) => ({
        id: id ?? "",
        deployment: "one",
        node: node ?? ""
      }))
    })
    const repaired = sequenceRepaired(i, i.replicaNode, Int32Array.from([2, 0, 2, 0, 1, 2]), new Int32Array(6))
    expect(repaired && [...repaired.level]).toEqual([0, 0, 0, 0, 0, 0])
    expect(repaired && [...repaired.target]).toEqual([0, 1, 0, 0, 1, 2])
  })
})
