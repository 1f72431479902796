/** The planner's search: its breadth by instance size, and `SearchMachine` from the start to its end. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { assemble } from "../../../../src/compaction/internal/assemble.js"
import { fromSnapshot } from "../../../../src/compaction/internal/instance.js"
import type { Instance } from "../../../../src/compaction/internal/instance.js"
import {
  Attempts,
  attemptsFor,
  keysOf,
  levelsAfter,
  mergePriority,
  modeOf,
  orderOf,
  orderKeys,
  placementChangeCost,
  ranksOf,
  releasesMore,
  repacksFor,
  SearchMachine,
  unmovedMovable
} from "../../../../src/compaction/internal/planner.js"
import { seededRandom } from "../../../../src/internal/random.js"
import { Compaction } from "../../../../src/index.js"

// Two nodes of CPU 10 (b empty): the base that `withReplicas` fills.
const base = instanceOf({
  nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }],
  deployments: [{ id: "x", demand: { CPU: 1 } }],
  replicas: [{ id: "r0", deployment: "x", node: "a" }]
})

/** The base with `count` replicas of x, all on node a (b stays empty): a search of size count + 1. */
const withReplicas = (count: number): Instance => ({
  ...base,
  replicaIds: Array.from({ length: count }, (_, i) => `r${i}`),
  replicaDeployment: new Int32Array(count),
  replicaNode: new Int32Array(count),
  replicaMovable: new Uint8Array(count).fill(1)
})

const options = (input: Compaction.PlanOptionsInput = {}) => Either.getOrThrow(Compaction.planOptions(input))

describe("attemptsFor", () => {
  it("makes 18 attempts up to a size of 165, then 3,000 / (size + 1), at least 2 up to 5,000 and 1 above", () => {
    // size = replicas + nodes in use (1: the empty node does not count).
    expect(attemptsFor(withReplicas(9))).toBe(18) // size 10
    expect(attemptsFor(withReplicas(164))).toBe(18) // size 165: ⌊3000 / 166⌋ = 18
    expect(attemptsFor(withReplicas(165))).toBe(17) // size 166: ⌊3000 / 167⌋ = 17
    expect(attemptsFor(withReplicas(299))).toBe(9) // size 300: ⌊3000 / 301⌋ = 9
    expect(attemptsFor(withReplicas(1499))).toBe(2) // size 1,500: ⌊3000 / 1501⌋ = 1, at least 2
    expect(attemptsFor(withReplicas(4999))).toBe(2) // size 5,000
    expect(attemptsFor(withReplicas(5000))).toBe(1) // size 5,001
  })

  it("counts the nodes in use, not the empty ones", () => {
    // 164 replicas spread over two nodes: size 166, not 165.
    const spread = { ...withReplicas(164), replicaNode: Int32Array.from({ length: 164 }, (_, r) => r % 2) }
    expect(attemptsFor(spread)).toBe(17)
  })
})

describe("orderOf and modeOf", () => {
  it("runs each candidate order with the three destination modes in turn", () => {
    const attempts = Array.from({ length: 8 }, (_, i) => `${orderOf(i)} ${modeOf(i)}`)
    expect(attempts).toEqual(["0 anchored", "0 best-fit", "0 late", "1 anchored", "1 best-fit", "1 late", "2 anchored", "2 best-fit"])
  })
})

describe("repacksFor", () => {
  it("runs every repack up to 4,000 replicas, first fit decreasing by sum up to 12,000, none above", () => {
    expect(repacksFor(withReplicas(4000))).toEqual(["ffd-sum", "ffd-max", "fill"])
    expect(repacksFor(withReplicas(4001))).toEqual(["ffd-sum"])
    expect(repacksFor(withReplicas(12_000))).toEqual(["ffd-sum"])
    expect(repacksFor(withReplicas(12_001))).toEqual([])
  })
})


const run = (machine: SearchMachine): SearchMachine => {
  while (!machine.done) machine.step()
  return machine
}

describe("Attempts", () => {
  const finish = (attempts: Attempts): Attempts => {
    while (!attempts.done) attempts.step()
    return attempts
  }
  // 3,001 replicas of CPU 1 on two nodes of 10,000, 3,000 on a, one on b: one node suffices; a search of size 3,003,
  // above the 3,000 that keeps drain attempts running.
  const large = (replicas = 3001): Instance => ({
    ...instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10_000 } }, { id: "b", capacity: { CPU: 10_000 } }],
      deployments: [{ id: "x", demand: { CPU: 1 } }],
      replicas: [{ id: "r0", deployment: "x", node: "a" }]
    }),
    replicaIds: Array.from({ length: replicas }, (_, i) => `r${i}`),
    replicaDeployment: new Int32Array(replicas),
    replicaNode: Int32Array.from({ length: replicas }, (_, r) => (r === replicas - 1 ? 1 : 0)),
    replicaMovable: new Uint8Array(replicas).fill(1)
  })

  it("ends a large search as soon as one attempt keeps no more nodes than the lower bound (one node here)", () => {
    const attempts = finish(new Attempts(large(), options()))
    expect(attempts.finished.length).toBe(1)
    expect(Array.from(attempts.best?.released ?? [])).toEqual([0, 1])
  })

  it("at a size of 3,000, runs its remaining drain attempt once the bound is reached, but no repack", () => {
    // 2,998 replicas and 2 nodes: 2 drain attempts.
    expect(finish(new Attempts(large(2998), options())).finished.length).toBe(2)
  })

  // Make-before-break frees a node's room only when the round ends. Two resources (CPU, memory), nodes of (10, 10);
  // n0 and n1 accept no replica, the fillers f on n2 and n3 never move:
  //   n0: x (2, 2)            n2: f (6, 8), e (3, 1): room (1, 1)
  //   n1: s (2, 0)            n3: f (7, 9):           room (3, 1)
  // The largest-replica-first order walks n0, then n1. x fits neither n2 nor n3, so e makes room: it leaves n2 for
  // n3 in the first level, x takes its place in the second, and n0 goes. s fits nowhere in that round (e still
  // counts on n2 until it has left, and n3 is full); in the next round n2 has room (2, 0) and n1 goes too.
  const makeRoomThenDrain = instanceOf({
    nodes: [0, 1, 2, 3].map((n) => ({ id: `n${n}`, capacity: { CPU: 10, memory: 10 }, ...(n < 2 ? { acceptsIncoming: false } : {}) })),
    deployments: [
      { id: "x", demand: { CPU: 2, memory: 2 } },
      { id: "s", demand: { CPU: 2, memory: 0 } },
      { id: "f2", demand: { CPU: 6, memory: 8 } },
      { id: "e", demand: { CPU: 3, memory: 1 } },
      { id: "f3", demand: { CPU: 7, memory: 9 } }
    ],
    replicas: [
      { id: "r0", deployment: "x", node: "n0" },
      { id: "r1", deployment: "s", node: "n1" },
      { id: "r2", deployment: "f2", node: "n2", movable: false },
      { id: "r3", deployment: "e", node: "n2" },
      { id: "r4", deployment: "f3", node: "n3", movable: false }
    ]
  })

  it("drains again in a new round what the last round's make-room moves made room for", () => {
    const attempts = new Attempts(makeRoomThenDrain, options())
    while (attempts.finished.length < 4) attempts.step()
    // Attempt 3: the largest replica first, the anchored mode.
    const third = attempts.finished[3]
    expect(Array.from(third?.released ?? [])).toEqual([1, 1, 0, 0])
    expect(Array.from(third?.target ?? [])).toEqual([2, 2, 2, 3, 3])
    // e leaves first, x follows in the second level; s moves in the next round, after both.
    expect(Array.from(third?.level ?? [])).toEqual([2, 3, 0, 1, 0])
  })

  // A chain of such links, one resource per role (every node has 1 of each): link k's x_k (u_k, v_k) fits only
  // on k_k once e_k (t_k, u_k, t_k+1) has left it, and e_k only on k_k-1 once e_k-1 has left that: each round frees
  // the room the next one needs. k0 has room for e1 from the start; k_k has room for v_k, u_k+1 and t_k+2.
  const chainOfRooms = (links: number): Instance => {
    const resources = [
      ...Array.from({ length: links + 1 }, (_, i) => `t${i + 1}`),
      ...Array.from({ length: links }, (_, i) => `u${i + 1}`),
      ...Array.from({ length: links }, (_, i) => `v${i + 1}`)
    ]
    const vector = (held: ReadonlyArray<string>) => Object.fromEntries(resources.map((k) => [k, held.includes(k) ? 1 : 0]))
    const filler = (free: ReadonlyArray<string>) => vector(resources.filter((k) => !free.includes(k)))
    const full = vector(resources)
    const link = (k: number) => ({
      e: [`t${k}`, `u${k}`, `t${k + 1}`],
      x: [`u${k}`, `v${k}`],
      room: [`v${k}`, `u${k + 1}`, `t${k + 2}`]
    })
    const ks = Array.from({ length: links }, (_, i) => i + 1)
    return instanceOf({
      nodes: [
        { id: "k0", capacity: full },
        ...ks.flatMap((k) => [{ id: `x${k}`, capacity: full, acceptsIncoming: false }, { id: `k${k}`, capacity: full }])
      ],
      deployments: [
        { id: "f0", demand: filler(link(1).e) },
        ...ks.flatMap((k) => [
          { id: `x${k}`, demand: vector(link(k).x) },
          { id: `e${k}`, demand: vector(link(k).e) },
          { id: `f${k}`, demand: filler([...link(k).room, ...link(k).e]) }
        ])
      ],
      replicas: [
        { id: "f0", deployment: "f0", node: "k0", movable: false },
        ...ks.flatMap((k) => [
          { id: `x${k}`, deployment: `x${k}`, node: `x${k}` },
          { id: `e${k}`, deployment: `e${k}`, node: `k${k}` },
          { id: `f${k}`, deployment: `f${k}`, node: `k${k}`, movable: false }
        ])
      ]
    })
  }

  it("drains in three rounds at most: a fourth would release x4 too", () => {
    const attempts = new Attempts(chainOfRooms(4), options())
    while (attempts.finished.length < 1) attempts.step()
    const first = attempts.finished[0]
    // Nodes k0, x1, k1, …, x4, k4: x1, x2 and x3 go, one a round.
    expect(Array.from(first?.released ?? [])).toEqual([0, 1, 0, 1, 0, 1, 0, 0, 0])
    // Replicas f0, then x_k, e_k, f_k per link: round k moves e_k at level 2k - 1, x_k at 2k.
    expect(Array.from(first?.level ?? [])).toEqual([0, 2, 1, 0, 4, 3, 0, 6, 5, 0, 0, 0, 0])
  })

  it("for the cost objective, runs every attempt and repack", () => {
    // 2 drain attempts at this size, 3 repacks up to 4,000 replicas.
    const attempts = finish(new Attempts(large(), options({ objective: "cost" })))
    expect(attempts.finished.length).toBe(5)
  })
})

describe("SearchMachine", () => {
  // a {10} holds x (6), b {10} holds y (3): one of them can go (9 ≤ 10), not both.
  const pair = (a: { cost?: number; migrationCost?: number } = {}, b: { cost?: number } = {}) =>
    instanceOf({
      nodes: [{ id: "a", capacity: { CPU: 10 }, ...a.cost === undefined ? {} : { cost: a.cost } }, { id: "b", capacity: { CPU: 10 }, ...b }],
      deployments: [
        { id: "x", demand: { CPU: 6 }, maxSurge: 8, ...a.migrationCost === undefined ? {} : { migrationCost: a.migrationCost } },
        { id: "y", demand: { CPU: 3 }, maxSurge: 8 }
      ],
      replicas: [{ id: "r0", deployment: "x", node: "a" }, { id: "r1", deployment: "y", node: "b" }]
    })

  it("starts at the snapshot: nothing moves before the first step", () => {
    const machine = new SearchMachine(pair(), options())
    const start = machine.outcome()
    expect(Array.from(start.target)).toEqual([0, 1])
    expect(Array.from(start.level)).toEqual([0, 0])
    expect(Array.from(start.receiving)).toEqual([0, 0])
    expect(machine.done).toBe(false)
  })

  it("releases the node whose replicas cost least to move", () => {
    // x costs 5 to move, y 1: b goes, y joins a.
    const machine = run(new SearchMachine(pair({ migrationCost: 5 }), options()))
    const end = machine.outcome()
    expect(Array.from(end.target)).toEqual([0, 0])
    expect(Array.from(end.level)).toEqual([0, 1])
    expect(Array.from(end.receiving)).toEqual([1, 0])
  })

  it("for the cost objective, releases the dearer node", () => {
    // a costs 9, b 1: moving x to b releases 9 (more than 1), though x costs 5 to move.
    const machine = run(new SearchMachine(pair({ cost: 9, migrationCost: 5 }, { cost: 1 }), options({ objective: "cost" })))
    expect(Array.from(machine.outcome().target)).toEqual([1, 1])
    // For the nodes objective the same cluster releases b (cheaper to move).
    const nodes = run(new SearchMachine(pair({ cost: 9, migrationCost: 5 }, { cost: 1 }), options()))
    expect(Array.from(nodes.outcome().target)).toEqual([0, 0])
  })

  it("moves nothing beyond the migration budget", () => {
    const machine = run(new SearchMachine(pair(), options({ migrationBudget: 0 })))
    expect(Array.from(machine.outcome().target)).toEqual([0, 1])
    expect(machine.outcome().failures.get(0)?.reason).toBe("migration-budget")
  })

  it("merges the search of its own result: a chain of releases ends packed", () => {
    // Four nodes of 10 with 2, 3, 4 and 1: 10 in all, so one node can hold everything and three go.
    const chain = instanceOf({
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [1, 2, 3, 4].map((n) => ({ id: `d${n}`, demand: { CPU: n }, maxSurge: 8 })),
      replicas: [["d2", "a"], ["d3", "b"], ["d4", "c"], ["d1", "d"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
    })
    const end = run(new SearchMachine(chain, options())).outcome()
    expect(new Set(end.target).size).toBe(1)
  })

  it("takes a repack from scratch when it keeps fewer nodes than every drain", () => {
    // The two d0 replicas may not share a node: at least two nodes stay. n0 can hold d0 and d1 (5, 4 of 6, 9),
    // n3 d0 and d2 (10, 6 of 10, 7): two suffice, but only with d2 leaving n0 for n3 as well.
    const crossed = instanceOf({
      nodes: [
        { id: "n0", capacity: { CPU: 6, memory: 9 }, cost: 2 },
        { id: "n1", capacity: { CPU: 2, memory: 2 }, cost: 0 },
        { id: "n2", capacity: { CPU: 6, memory: 3 }, cost: 2, acceptsIncoming: false },
        { id: "n3", capacity: { CPU: 10, memory: 7 }, cost: 3 }
      ],
      deployments: [
        { id: "d0", demand: { CPU: 4, memory: 3 }, maxSurge: 3, migrationCost: 2, maxReplicasPerNode: 1 },
        { id: "d1", demand: { CPU: 1, memory: 1 }, maxSurge: 2, migrationCost: 1 },
        { id: "d2", demand: { CPU: 6, memory: 3 }, maxSurge: 1, migrationCost: 0, maxReplicasPerNode: 2 }
      ],
      replicas: [["d2", "n0"], ["d1", "n1"], ["d0", "n2"], ["d0", "n3"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
    })
    const end = run(new SearchMachine(crossed, options({ maxConcurrentMigrations: 2, seed: 225 }))).outcome()
    expect(new Set(end.target).size).toBe(2)
  })

  it("for the cost objective, merges the release its own result still offers", () => {
    // n4 and n5 stay (not releasable), n0 too (its replica is pinned); n1's two empty-demand replicas fit anywhere,
    // n2's d0 fits n5 and its d2 n4 (not n5: memory 3 + 5 > 4): n1 and n2 both go.
    const freeAndDear = instanceOf({
      nodes: [
        { id: "n0", capacity: { CPU: 2, memory: 7 }, cost: 0 },
        { id: "n1", capacity: { CPU: 2, memory: 5 }, cost: 0 },
        { id: "n2", capacity: { CPU: 7, memory: 10 }, cost: 4 },
        { id: "n3", capacity: { CPU: 3, memory: 1 }, cost: 5 },
        { id: "n4", capacity: { CPU: 10, memory: 10 }, cost: 2, releasable: false },
        { id: "n5", capacity: { CPU: 10, memory: 4 }, cost: 0, releasable: false }
      ],
      deployments: [
        { id: "d0", demand: { CPU: 4, memory: 3 }, maxSurge: 3, migrationCost: 3 },
        { id: "d1", demand: { CPU: 0, memory: 0 }, maxSurge: 2, migrationCost: 2 },
        { id: "d2", demand: { CPU: 0, memory: 5 }, maxSurge: 2, migrationCost: 1, maxReplicasPerNode: 2 }
      ],
      replicas: [
        { id: "r0", deployment: "d2", node: "n0", movable: false },
        { id: "r1", deployment: "d1", node: "n4" },
        { id: "r2", deployment: "d0", node: "n2" },
        { id: "r3", deployment: "d1", node: "n5" },
        { id: "r4", deployment: "d1", node: "n1" },
        { id: "r5", deployment: "d1", node: "n1" },
        { id: "r6", deployment: "d2", node: "n2" }
      ]
    })
    // Every destination has room from the start and no deployment moves more replicas than its surge: the merged moves
    // are ordered as soon as possible, all in the first wave.
    const moved = [0, 0, 1, 0, 1, 1, 1]
    const machine = run(new SearchMachine(freeAndDear, options({ objective: "cost", seed: 500 })))
    const end = machine.outcome()
    expect([...new Set(end.target)].sort()).toEqual([0, 4, 5])
    expect(Array.from(end.level)).toEqual(moved)
    // n0 receives n1's two replicas, n4 and n5 one each.
    expect(Array.from(end.receiving)).toEqual([2, 0, 0, 0, 1, 1])
    // A step once done changes nothing.
    machine.step()
    expect(machine.outcome()).toEqual(end)
  })

  it("never gives back a release between two steps: each outcome keeps at most as many nodes as the one before", () => {
    // The chain above: once an attempt has finished, the best one stands while the next ones start from scratch.
    const chain = instanceOf({
      nodes: ["a", "b", "c", "d"].map((id) => ({ id, capacity: { CPU: 10 } })),
      deployments: [1, 2, 3, 4].map((n) => ({ id: `d${n}`, demand: { CPU: n }, maxSurge: 8 })),
      replicas: [["d2", "a"], ["d3", "b"], ["d4", "c"], ["d1", "d"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
    })
    const machine = new SearchMachine(chain, options())
    const kept: Array<number> = []
    while (!machine.done) {
      machine.step()
      kept.push(new Set(machine.outcome().target).size)
    }
    expect(kept.every((k, i) => i === 0 || k <= (kept[i - 1] ?? 4))).toBe(true)
    expect(kept[kept.length - 1]).toBe(1)
  })
})

describe("orderKeys", () => {
  // One resource (CPU); x 1, y 4, z 2. Per node: load, largest replica, replicas, capacity.
  //   n0 {10}: y x     load 5, largest 4, 2 replicas
  //   n1 {20}: y       load 4, largest 4, 1 replica
  //   n2 {16}: empty
  //   n3 {10}: x x x   load 3, largest 1, 3 replicas
  //   n4 {12}: y z     load 6, largest 4, 2 replicas
  //   n5 {8}:  z       load 2, largest 2, 1 replica
  // Every tie on a primary key is broken against the index order, so the secondary key shows.
  const nodes = [["n0", 10], ["n1", 20], ["n2", 16], ["n3", 10], ["n4", 12], ["n5", 8]] as const
  const held: ReadonlyArray<readonly [string, string]> = [
    ["y", "n0"], ["x", "n0"], ["y", "n1"], ["x", "n3"], ["x", "n3"], ["x", "n3"], ["y", "n4"], ["z", "n4"], ["z", "n5"]
  ]
  const sixNodes = (costs: ReadonlyArray<number> = [1, 1, 1, 1, 1, 1]) =>
    instanceOf({
      nodes: nodes.map(([id, cpu], n) => ({ id, capacity: { CPU: cpu }, cost: costs[n] ?? 1 })),
      deployments: [{ id: "x", demand: { CPU: 1 } }, { id: "y", demand: { CPU: 4 } }, { id: "z", demand: { CPU: 2 } }],
      replicas: held.map(([deployment, node], i) => ({ id: `r${i}`, deployment, node }))
    })
  const inUse = [0, 1, 3, 4, 5]
  /** The nodes in use, ordered as an attempt walks them: by key, then index. */
  const walk = (keys: Float64Array): Array<string> =>
    [...inUse].sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0) || a - b).map((n) => `n${n}`)
  // Built inside each test, not when the suite is collected: a mutation run switches its mutant on only for the tests.
  const sixKeys = () => keysOf(sixNodes(), options())

  it("lists the nodes in use in index order", () => {
    expect(sixKeys().inUse).toEqual(inUse)
  })

  it("walks the lightest nodes first", () => {
    expect(walk(orderKeys(sixKeys(), 0, 0))).toEqual(["n5", "n3", "n1", "n0", "n4"])
  })

  it("walks the nodes with the largest replica first, the heaviest of them first", () => {
    expect(walk(orderKeys(sixKeys(), 0, 1))).toEqual(["n4", "n0", "n1", "n5", "n3"])
  })

  it("walks the nodes with the fewest replicas first, the lightest of them first", () => {
    expect(walk(orderKeys(sixKeys(), 0, 2))).toEqual(["n5", "n1", "n0", "n4", "n3"])
  })

  it("walks the smallest nodes first, the lightest of them first", () => {
    expect(walk(orderKeys(sixKeys(), 0, 3))).toEqual(["n5", "n3", "n0", "n4", "n1"])
  })

  it("walks the lightest first by every resource, each relative to the largest node's", () => {
    // CPU scale 10, memory scale 100: m0 0.2 + 0.1 = 0.3, m1 0.1 + 0.5 = 0.6, m2 0.5 + 0.05 = 0.55 (by raw sums: m1 51, m0 12, m2 10).
    const two = instanceOf({
      nodes: ["m0", "m1", "m2"].map((id) => ({ id, capacity: { CPU: 10, memory: 100 } })),
      deployments: [{ id: "p", demand: { CPU: 2, memory: 10 } }, { id: "q", demand: { CPU: 1, memory: 50 } }, { id: "s", demand: { CPU: 5, memory: 5 } }],
      replicas: [["p", "m0"], ["q", "m1"], ["s", "m2"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
    })
    const light = keysOf(two, options()).light
    expect(Array.from(light, (v) => Math.round(v * 100) / 100)).toEqual([0.3, 0.6, 0.55])
  })

  it("ranks the nodes by key, equal keys by index", () => {
    expect(Array.from(ranksOf(Float64Array.from([0.5, 0, 0.25, 0, 0.5, -1])))).toEqual([4, 1, 3, 2, 5, 0])
    // Free nodes for the cost objective: infinite keys, last, by index.
    expect(Array.from(ranksOf(Float64Array.from([Infinity, 2, Infinity, 1])))).toEqual([2, 1, 3, 0])
  })

  it("gives the nodes that hold no replica the key 0", () => {
    for (let attempt = 0; attempt < 10; attempt++) expect(orderKeys(sixKeys(), 3, attempt)[2], `attempt ${attempt}`).toBe(0)
  })

  it("for the cost objective, orders by load and capacity per unit of cost, a free node last", () => {
    // Costs 1, 4, 0, 1, 3, 0: load per cost n0 5, n1 1, n3 3, n4 2, n5 free; capacity per cost n0 10, n1 5, n3 10, n4 4, n5 free.
    const cost = keysOf(sixNodes([1, 4, 0, 1, 3, 0]), options({ objective: "cost" }))
    expect(walk(orderKeys(cost, 0, 0))).toEqual(["n1", "n4", "n3", "n0", "n5"])
    expect(walk(orderKeys(cost, 0, 3))).toEqual(["n4", "n1", "n3", "n0", "n5"])
    expect(cost.light[5]).toBe(Infinity)
    expect(cost.light[2]).toBe(Infinity) // free and empty
    expect(cost.room[2]).toBe(Infinity)
  })

  it("draws the seeded orders from the seed and the attempt: the same again, another for another seed or attempt", () => {
    const keys = sixKeys()
    for (const attempt of [4, 5, 6, 7]) {
      expect(Array.from(orderKeys(keys, 1, attempt))).toEqual(Array.from(orderKeys(keys, 1, attempt)))
      expect(Array.from(orderKeys(keys, 2, attempt))).not.toEqual(Array.from(orderKeys(keys, 1, attempt)))
    }
    expect(Array.from(orderKeys(keys, 1, 6))).not.toEqual(Array.from(orderKeys(keys, 1, 4)))
    expect(Array.from(orderKeys(keys, 1, 7))).not.toEqual(Array.from(orderKeys(keys, 1, 5)))
  })

  it("makes the first seeded order a random draw per node in use, in index order, seeded by seed · 7,919 + attempt", () => {
    for (const seed of [0, 1, 42]) {
      const next = seededRandom(seed * 7919 + 4)
      const expected = [0, 0, 0, 0, 0, 0]
      for (const n of inUse) expected[n] = next()
      expect(Array.from(orderKeys(sixKeys(), seed, 4))).toEqual(expected)
    }
  })

  it("alternates random orders and perturbations of the lightest first, which scale each load by a factor in [1, 1.65)", () => {
    const keys = sixKeys()
    for (const seed of [0, 1, 2, 3, 7, 42]) {
      for (let attempt = 4; attempt < 16; attempt++) {
        const k = orderKeys(keys, seed, attempt)
        const ratios = inUse.map((n) => (k[n] ?? 0) / (keys.light[n] ?? 1))
        if (attempt % 2 === 0) {
          // A random draw in [0, 1) per node, unrelated to the load.
          expect(inUse.every((n) => (k[n] ?? -1) >= 0 && (k[n] ?? 1) < 1), `${seed}/${attempt}`).toBe(true)
          expect(ratios.every((q) => q >= 1 && q < 1.65), `${seed}/${attempt}`).toBe(false)
        } else {
          expect(ratios.every((q) => q >= 1 && q < 1.65), `${seed}/${attempt}: ${ratios.join(", ")}`).toBe(true)
          expect(ratios.some((q) => q > 1), `${seed}/${attempt}`).toBe(true)
          // The extremes stay: the lightest (2) ahead of the heaviest (6).
          expect((k[5] ?? 0) < (k[4] ?? 0)).toBe(true)
        }
      }
    }
  })
})

describe("merging a search of the plan's own result", () => {
  const levels = (...l: Array<number>) => Int32Array.from(l)
  // Replicas 0 and 2 moved in the plan (levels 1 and 2, the last); the later search moves 1 and 3 (its levels 1 and 2) and 2 again (1).
  const plan = levels(1, 0, 2, 0, 0)
  const later = levels(0, 1, 1, 2, 0)

  it("sequences a merge with the plan's levels first, the later search's after the plan's last level", () => {
    // 0 and 2 keep 1 and 2; 1 and 3 come at 2 + 1 and 2 + 2; 4 moves in neither: 2 + 0.
    expect(Array.from(mergePriority(plan, later, 2))).toEqual([1, 3, 2, 4, 2])
  })

  it("after a pinned search, gives the replicas it moved its levels after the plan's last, the others their own", () => {
    // 1, 2 and 3 moved in the later search: 2 + 1, 2 + 1, 2 + 2; 0 keeps 1, 4 keeps 0.
    expect(Array.from(levelsAfter(plan, later, 2))).toEqual([1, 3, 3, 4, 0])
  })

  it("lets a pinned search move only the movable replicas that have not moved yet", () => {
    expect(Array.from(unmovedMovable(plan, Uint8Array.from([1, 1, 1, 0, 1])))).toEqual([0, 1, 0, 0, 1])
  })

  // Three nodes; x costs 1 to move, y 4, z 0.
  const three = instanceOf({
    nodes: ["a", "b", "c"].map((id) => ({ id, capacity: { CPU: 10 } })),
    deployments: [{ id: "x", demand: { CPU: 1 }, migrationCost: 1 }, { id: "y", demand: { CPU: 1 }, migrationCost: 4 }, { id: "z", demand: { CPU: 1 }, migrationCost: 0 }],
    replicas: [["x", "a"], ["y", "a"], ["x", "b"], ["z", "c"]].map(([deployment, node], i) => ({ id: `r${i}`, deployment: deployment ?? "", node: node ?? "" }))
  })
  const at = (...n: Array<number>) => Int32Array.from(n)

  it("counts the migration cost of every replica whose node differs", () => {
    expect(placementChangeCost(three, at(0, 0, 1, 2), at(0, 0, 1, 2))).toBe(0)
    // r1 (y, 4) and r2 (x, 1) move; r3 (z) moves for nothing.
    expect(placementChangeCost(three, at(0, 0, 1, 2), at(0, 1, 0, 0))).toBe(5)
    expect(placementChangeCost(three, at(0, 0, 1, 2), at(1, 0, 1, 2))).toBe(1)
  })

  it("says a placement releases more only when it uses fewer nodes", () => {
    expect(releasesMore(three, at(0, 0, 1, 2), at(0, 0, 1, 1))).toBe(true) // 3 nodes, then 2
    expect(releasesMore(three, at(0, 0, 1, 2), at(1, 1, 2, 0))).toBe(false) // 3 and 3
    expect(releasesMore(three, at(0, 0, 0, 0), at(0, 1, 0, 0))).toBe(false) // 1, then 2
    expect(releasesMore(three, at(0, 1, 1, 2), at(0, 0, 0, 0))).toBe(true) // 3, then 1
  })
})

/**
 * x on n0 and y on n1, either of which fits beside the other: either node can go, for one move of cost 1 at level 1,
 * a tie that the first attempt (the lightest node first) settles. Other nodes stay empty.
 */
const oneOfTwo = (capacities: ReadonlyArray<Record<string, number>>, x: Record<string, number>, y: Record<string, number>) =>
  run(
    new SearchMachine(
      instanceOf({
        nodes: capacities.map((capacity, n) => ({ id: `n${n}`, capacity })),
        deployments: [{ id: "x", demand: x, maxSurge: 8 }, { id: "y", demand: y, maxSurge: 8 }],
        replicas: [{ id: "r0", deployment: "x", node: "n0" }, { id: "r1", deployment: "y", node: "n1" }]
      }),
      options()
    )
  ).outcome()

describe("SearchMachine: the lightest node first", () => {
  // Two nodes of CPU 10 and mem 1,000. A node's load is summed over resources relative to the largest node.
  const two = (x: Record<string, number>, y: Record<string, number>) => oneOfTwo([{ CPU: 10, mem: 1000 }, { CPU: 10, mem: 1000 }], x, y)

  it("releases n0 at 1/10 + 300/1,000 = 0.4 before n1 at 4/10 + 100/1,000 = 0.5", () => {
    const end = two({ CPU: 1, mem: 300 }, { CPU: 4, mem: 100 })
    expect(Array.from(end.target)).toEqual([1, 1])
    expect(Array.from(end.level)).toEqual([1, 0])
    expect(Array.from(end.receiving)).toEqual([0, 1])
  })

  it("releases n1 at 1/10 + 400/1,000 = 0.5 before n0 at 1/10 + 500/1,000 = 0.6", () => {
    const end = two({ CPU: 1, mem: 500 }, { CPU: 1, mem: 400 })
    expect(Array.from(end.target)).toEqual([0, 0])
    expect(Array.from(end.level)).toEqual([0, 1])
    expect(Array.from(end.receiving)).toEqual([1, 0])
  })
})

describe("SearchMachine: loads relative to the largest node in use, resource by resource", () => {
  // n0 {CPU 20, mem 1,000}, n1 {CPU 10, mem 2,000}: the scales are CPU 20 (n0's) and mem 2,000 (n1's); n2, empty,
  // with mem 100,000, counts for nothing.
  const release = (x: Record<string, number>, y: Record<string, number>) =>
    oneOfTwo([{ CPU: 20, mem: 1000 }, { CPU: 10, mem: 2000 }, { CPU: 10, mem: 100_000 }], x, y)

  it("releases n0 at 4/20 + 100/2,000 = 0.25 before n1 at 1/20 + 550/2,000 = 0.325 (by CPU alone, or over CPU 10, n1 goes)", () => {
    const end = release({ CPU: 4, mem: 100 }, { CPU: 1, mem: 550 })
    expect(Array.from(end.target)).toEqual([1, 1])
    expect(Array.from(end.level)).toEqual([1, 0])
  })

  it("releases n0 at 1/20 + 550/2,000 = 0.325 before n1 at 4/20 + 330/2,000 = 0.365 (over mem 1,000, n1 goes)", () => {
    const end = release({ CPU: 1, mem: 550 }, { CPU: 4, mem: 330 })
    expect(Array.from(end.target)).toEqual([1, 1])
    expect(Array.from(end.level)).toEqual([1, 0])
  })
})

/** Runs a machine on a snapshot to its end, checking with `verify` that the outcome is a valid plan between every two steps. */
const validEveryStep = (input: Compaction.SnapshotInput, optionsInput: Compaction.PlanOptionsInput = {}) => {
  const snapshot = Compaction.validateOrThrow(input)
  const planOptions = options(optionsInput)
  const machine = new SearchMachine(fromSnapshot(snapshot), planOptions)
  let kept = snapshot.nodes.length
  for (let steps = 0; !machine.done; steps++) {
    machine.step()
    const plan = assemble(snapshot, machine.instance, machine.outcome(), planOptions, machine.done)
    const verdict = Compaction.verify(snapshot, plan)
    if (Either.isLeft(verdict)) expect.fail(`step ${steps}: ${verdict.left.message}`)
    // A release once in the outcome stays there.
    const now = new Set(machine.outcome().target).size
    expect(now, `step ${steps}`).toBeLessThanOrEqual(kept)
    kept = now
  }
  return machine.outcome()
}

describe("SearchMachine: a merge with the search of its own result", () => {
  // n1 {7} holds r3 (5, unmovable): it stays, with room for 2. n3 {10} holds r5 (d1) and r7 (d2, 5): room for 4.
  // The other 5 replicas (size 1: r0, r6 of d0; r1, r2, r4 of d1; at most 2 of a deployment per node) fit
  // there: two d1 on n1, r0, r6 and one d1 on n3 (9 of 10). n0, n2 and n4 go; no other node holds 9, so
  // no plan releases more, and no plan moves fewer than those 5 replicas.
  // The first search releases n0 and n2 alone (their replicas fill n1); the search of its result releases n4.
  const merge: Compaction.SnapshotInput = {
    nodes: [8, 7, 8, 10, 4].map((CPU, i) => ({ id: `n${i}`, capacity: { CPU } })),
    deployments: [
      { id: "d0", demand: { CPU: 1 }, maxReplicasPerNode: 2 },
      { id: "d1", demand: { CPU: 1 }, maxReplicasPerNode: 2 },
      { id: "d2", demand: { CPU: 5 }, maxReplicasPerNode: 1 }
    ],
    replicas: [
      { id: "r0", deployment: "d0", node: "n4" },
      { id: "r1", deployment: "d1", node: "n4" },
      { id: "r2", deployment: "d1", node: "n4" },
      { id: "r3", deployment: "d2", node: "n1", movable: false },
      { id: "r4", deployment: "d1", node: "n2" },
      { id: "r5", deployment: "d1", node: "n3" },
      { id: "r6", deployment: "d0", node: "n0" },
      { id: "r7", deployment: "d2", node: "n3" }
    ]
  }
  const check = (end: { readonly target: Int32Array; readonly level: Int32Array; readonly receiving: Int32Array }) => {
    const target = Array.from(end.target)
    expect([...new Set(target)].sort()).toEqual([1, 3])
    expect([target[0], target[3], target[5], target[6], target[7]]).toEqual([3, 1, 3, 3, 3])
    // Two of the three d1 replicas on n1, one on n3.
    expect([target[1], target[2], target[4]].filter((n) => n === 1)).toHaveLength(2)
    // Every arrival fits beside the replicas there at the start: one level, each replica moved straight to its place.
    expect(Array.from(end.level)).toEqual(target.map((n, r) => (n === [4, 4, 4, 1, 2, 3, 0, 3][r] ? 0 : 1)))
    expect(Array.from(end.receiving)).toEqual([0, 2, 0, 3, 0])
  }

  it("releases n0, n2 and n4, each moved replica straight to its place at one level, valid between steps", () => {
    check(validEveryStep(merge))
  })

  // With d0 free to move (and d2, which never moves, dear), releasing all three costs the three d1 moves (r1, r2, r4): 3.
  const freeD0 = {
    ...merge,
    deployments: merge.deployments.map((d) => (d.id === "d0" ? { ...d, migrationCost: 0 } : d.id === "d2" ? { ...d, migrationCost: 2 } : d))
  }
  const movedD1 = (end: { readonly target: Int32Array }) => [1, 2, 4].filter((r) => end.target[r] !== [4, 4, 4, 1, 2, 3, 0, 3][r]).length

  it("takes the merge that spends the whole budget (3)", () => {
    const end = validEveryStep(freeD0, { migrationBudget: 3 })
    check(end)
    expect(movedD1(end)).toBe(3)
  })

  it("with a budget of 2, releases two nodes of the three and moves at most two d1 replicas", () => {
    // n0 and n2 go for 1 (r6 and r4 onto n1); no third node can go within 2.
    const end = validEveryStep(freeD0, { migrationBudget: 2 })
    expect(movedD1(end)).toBeLessThanOrEqual(2)
    expect(new Set(end.target).size).toBe(3)
  })
})

/** Whether planning the placement `end` arrives at again (no budget) releases nothing more. */
const settled = (input: Compaction.SnapshotInput, end: { readonly target: Int32Array }): boolean => {
  const instance = instanceOf(input)
  const again = run(new SearchMachine({ ...instance, replicaNode: end.target }, options())).outcome()
  return new Set(again.target).size === new Set(end.target).size
}

describe("SearchMachine: merges that cannot be taken", () => {
  // Seven nodes of two resources, thirteen movable replicas under per-node limits: the search of the first
  // result plans a release whose moves cannot be ordered with the first plan's, the search with the moved
  // replicas pinned releases nothing, and the search starts over from the first search's other candidates.
  const crowded: Compaction.SnapshotInput = {
    nodes: [
      { id: "n0", capacity: { CPU: 8, memory: 4 } },
      { id: "n1", capacity: { CPU: 4, memory: 5 } },
      { id: "n2", capacity: { CPU: 7, memory: 7 } },
      { id: "n3", capacity: { CPU: 10, memory: 7 } },
      { id: "n4", capacity: { CPU: 10, memory: 7 } },
      { id: "n5", capacity: { CPU: 9, memory: 9 } },
      { id: "n6", capacity: { CPU: 5, memory: 4 } }
    ],
    deployments: [
      { id: "d0", demand: { CPU: 3, memory: 1 }, maxReplicasPerNode: 2, maxSurge: 2 },
      { id: "d1", demand: { CPU: 4, memory: 3 }, maxReplicasPerNode: 3, maxSurge: 2 },
      { id: "d2", demand: { CPU: 4, memory: 0 }, maxReplicasPerNode: 2, maxSurge: 1 },
      { id: "d3", demand: { CPU: 1, memory: 3 }, maxReplicasPerNode: 2, maxSurge: 1 },
      { id: "d4", demand: { CPU: 2, memory: 4 }, maxReplicasPerNode: 2, maxSurge: 2 }
    ],
    replicas: ([["d3", "n6"], ["d3", "n5"], ["d3", "n3"], ["d3", "n0"], ["d4", "n2"], ["d2", "n5"], ["d0", "n6"], ["d1", "n3"], ["d1", "n2"], ["d2", "n5"], ["d2", "n0"], ["d2", "n4"], ["d3", "n1"]] as const).map(([deployment, node], i) => ({ id: `r${i}`, deployment, node }))
  }

  it("ends valid between every two steps, at a placement whose plan releases nothing more", () => {
    const end = validEveryStep(crowded)
    expect(settled(crowded, end)).toBe(true)
  })
})
