/**
 * The classic bin-packing families: every snapshot valid at every start,
 * deterministic in the seed, idle nodes added without changing the rest, the
 * item sizes of each class, the triplets' optimum and the lower bounds
 * checked against independent computations (exact partition, L1, a packing).
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../src/index.js"
import {
  type Bounded,
  InvalidGeneratorParameter,
  schollNarrow,
  schollWide,
  type StartOptions,
  triplets,
  uniform,
  vector
} from "../../../src/testing/index.js"

type Input = Compaction.SnapshotInput

const families: ReadonlyArray<readonly [string, (options: StartOptions, seed: number) => Bounded]> = [
  ["uniform", (o, s) => uniform({ items: 120, ...o }, s)],
  ["triplets", (o, s) => triplets({ items: 60, ...o }, s)],
  ["schollWide", (o, s) => schollWide({ items: 100, capacity: 100, minSize: 30, ...o }, s)],
  ["schollNarrow", (o, s) => schollNarrow({ items: 100, perBin: 3, deviation: 0.9, ...o }, s)],
  ["vector 2 uncorrelated", (o, s) => vector({ items: 100, ...o }, s)],
  ["vector 2 correlated", (o, s) => vector({ items: 100, correlation: "correlated", ...o }, s)],
  ["vector 3 anti-correlated", (o, s) => vector({ items: 100, resources: 3, correlation: "anti-correlated", ...o }, s)]
]
const starts: ReadonlyArray<StartOptions> = [
  { start: "one-per-node" },
  { start: "half-full" },
  { start: "one-per-node", emptyNodes: 25 },
  { start: "half-full", emptyNodes: 25 }
]

const demands = (s: Input): Array<Readonly<Record<string, number>>> => {
  const byId = new Map(s.deployments.map((d) => [d.id, d.demand]))
  return s.replicas.map((r) => byId.get(r.deployment) ?? {})
}
const capacityOf = (s: Input): Readonly<Record<string, number>> => s.nodes[0]?.capacity ?? {}
const replicasPerNode = (s: Input): Map<string, number> => {
  const counts = new Map(s.nodes.map((n) => [n.id, 0]))
  for (const r of s.replicas) counts.set(r.node, (counts.get(r.node) ?? 0) + 1)
  return counts
}
const cpu = (s: Input): Array<number> => demands(s).map((d) => d["CPU"] ?? 0)

/** First-fit decreasing by the sum of demands, checked bin by bin: a feasible packing, so an upper bound on the optimum. */
const firstFitDecreasing = (s: Input): number => {
  const capacity = capacityOf(s)
  const keys = Object.keys(capacity)
  const items = demands(s).sort((a, b) => keys.reduce((t, k) => t + (b[k] ?? 0) - (a[k] ?? 0), 0))
  const bins: Array<Record<string, number>> = []
  for (const d of items) {
    const fits = (bin: Record<string, number>) => keys.every((k) => (bin[k] ?? 0) + (d[k] ?? 0) <= (capacity[k] ?? 0))
    const bin = bins.find(fits) ?? (bins.push({}), bins[bins.length - 1] as Record<string, number>)
    for (const k of keys) bin[k] = (bin[k] ?? 0) + (d[k] ?? 0)
  }
  for (const bin of bins) for (const k of keys) expect(bin[k]).toBeLessThanOrEqual(capacity[k] ?? 0)
  return bins.length
}

/** Whether the sizes split into groups of three that each sum to exactly `capacity` (backtracking). */
const exactTriplets = (sizes: ReadonlyArray<number>, capacity: number): boolean => {
  if (sizes.length === 0) return true
  const [first, ...rest] = sizes
  for (let i = 0; i < rest.length; i++) {
    for (let j = i + 1; j < rest.length; j++) {
      if ((first ?? 0) + (rest[i] ?? 0) + (rest[j] ?? 0) === capacity && exactTriplets(rest.filter((_, k) => k !== i && k !== j), capacity)) return true
    }
  }
  return false
}

describe("classic families", () => {
  it("give snapshots that pass Compaction.validate at every start, with and without idle nodes", () => {
    for (const [name, make] of families) {
      for (const options of starts) {
        for (const seed of [1, 2, 3]) {
          const result = Compaction.validate(make(options, seed).snapshot)
          if (Either.isLeft(result)) throw new Error(`${name} ${JSON.stringify(options)} seed ${seed}: ${result.left.message}`)
        }
      }
    }
  })

  it("are deterministic in the seed", () => {
    for (const [name, make] of families) {
      for (const options of starts) {
        expect(JSON.stringify(make(options, 7)), name).toBe(JSON.stringify(make(options, 7)))
        expect(JSON.stringify(make(options, 7).snapshot), name).not.toBe(JSON.stringify(make(options, 8).snapshot))
      }
    }
  })

  it("start with one replica on every node, or with every node holding some and the demand about half the capacity (where items are below half a node on average)", () => {
    for (const [name, make] of families) {
      const one = make({ start: "one-per-node" }, 4).snapshot
      expect([...replicasPerNode(one).values()].every((c) => c === 1), name).toBe(true)
      const half = make({ start: "half-full" }, 4).snapshot
      expect([...replicasPerNode(half).values()].every((c) => c >= 1), name).toBe(true)
      expect(half.nodes.length, name).toBeLessThanOrEqual(one.nodes.length)
    }
    const half = uniform({ items: 1000, start: "half-full" }, 5).snapshot
    const fill = cpu(half).reduce((a, b) => a + b, 0) / (150 * half.nodes.length)
    expect(fill).toBeGreaterThan(0.45)
    expect(fill).toBeLessThan(0.55)
  })

  it("add idle nodes without changing the replicas, their nodes or the order of the other nodes", () => {
    for (const [name, make] of families) {
      for (const start of ["one-per-node", "half-full"] as const) {
        const base = make({ start }, 9).snapshot
        const more = make({ start, emptyNodes: 40 }, 9).snapshot
        expect(more.replicas, name).toEqual(base.replicas)
        expect(more.deployments, name).toEqual(base.deployments)
        expect(more.nodes.length, name).toBe(base.nodes.length + 40)
        const held = new Set(base.nodes.map((n) => n.id))
        expect(more.nodes.filter((n) => held.has(n.id)), name).toEqual(base.nodes)
        expect(more.nodes.filter((n) => !held.has(n.id)).every((n) => (replicasPerNode(more).get(n.id) ?? 0) === 0), name).toBe(true)
        // Idle nodes land among the others, not only at the end.
        expect(more.nodes.findIndex((n) => !held.has(n.id)), name).toBeLessThan(base.nodes.length)
      }
    }
  })

  it("draw the item sizes of each class", () => {
    const inRange = (xs: ReadonlyArray<number>, lo: number, hi: number) => xs.every((x) => x >= lo && x <= hi)
    const u = uniform({ items: 1000 }, 1).snapshot
    expect(capacityOf(u)).toEqual({ CPU: 150 })
    expect(inRange(cpu(u), 20, 100)).toBe(true)
    expect(new Set(cpu(u)).size).toBeGreaterThan(70)
    const wide = schollWide({ items: 500, capacity: 120, minSize: 1 }, 1).snapshot
    expect(capacityOf(wide)).toEqual({ CPU: 120 })
    expect(inRange(cpu(wide), 1, 100)).toBe(true)
    const narrow = schollNarrow({ items: 500, perBin: 9, deviation: 0.5 }, 1).snapshot
    expect(capacityOf(narrow)).toEqual({ CPU: 1000 })
    expect(inRange(cpu(narrow), Math.ceil(1000 / 9 / 2), Math.floor((1.5 * 1000) / 9))).toBe(true)
    const correlated = demands(vector({ items: 300, resources: 3, correlation: "correlated" }, 1).snapshot)
    expect(correlated.every((d) => Math.abs((d["memory"] ?? 0) - (d["CPU"] ?? 0)) <= 10 && Math.abs((d["disk"] ?? 0) - (d["CPU"] ?? 0)) <= 10)).toBe(true)
    const anti = demands(vector({ items: 300, correlation: "anti-correlated" }, 1).snapshot)
    expect(anti.every((d) => inRange([d["CPU"] ?? 0, d["memory"] ?? 0], 20, 100))).toBe(true)
    // Unclamped, CPU + memory is within 10 of 120; clamping only pulls memory towards [20, 100].
    expect(anti.filter((d) => Math.abs((d["CPU"] ?? 0) + (d["memory"] ?? 0) - 120) <= 10).length).toBeGreaterThan(240)
    const free = demands(vector({ items: 300 }, 1).snapshot)
    expect(free.filter((d) => Math.abs((d["memory"] ?? 0) - (d["CPU"] ?? 0)) > 10).length).toBeGreaterThan(150)
  })

  it("triplets: every item above a quarter of the node, the total exactly optimum × 1000, and an exact split into triplets", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const g = triplets({ items: 501 }, seed)
      const sizes = cpu(g.snapshot)
      expect(g.optimum).toBe(167)
      expect(g.lowerBound).toBe(167)
      expect(sizes.every((x) => x > 250 && x < 500)).toBe(true)
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000 * 167)
      const small = triplets({ items: 12, start: "half-full" }, seed)
      expect(exactTriplets(cpu(small.snapshot), 1000)).toBe(true)
    }
  })

  it("state a lower bound at least L1 in every resource and at most a packing found by first-fit decreasing", () => {
    for (const [name, make] of families) {
      for (const seed of [1, 2, 3]) {
        const g = make({ start: "half-full" }, seed)
        const capacity = capacityOf(g.snapshot)
        for (const [k, c] of Object.entries(capacity)) {
          const total = demands(g.snapshot).reduce((a, d) => a + (d[k] ?? 0), 0)
          expect(g.lowerBound, name).toBeGreaterThanOrEqual(Math.ceil(total / c))
        }
        expect(g.lowerBound, name).toBeLessThanOrEqual(firstFitDecreasing(g.snapshot))
      }
    }
  })

  it("counts items that cannot share a node in the bound (L2 beyond L1)", () => {
    // Sizes in [30, 100] on nodes of 100: no two items above 50 share a node, and the room they strand is counted.
    for (const seed of [1, 2, 3]) {
      const wide = schollWide({ items: 200, capacity: 100, minSize: 30 }, seed)
      const sizes = cpu(wide.snapshot)
      expect(wide.lowerBound).toBeGreaterThanOrEqual(sizes.filter((x) => x > 50).length)
      expect(wide.lowerBound).toBeGreaterThan(Math.ceil(sizes.reduce((a, b) => a + b, 0) / 100))
    }
  })

  it("counts by the sum of an item's shares: anti-correlated pairs, three of which never share a node", () => {
    for (const seed of [1, 2, 3]) {
      const g = vector({ items: 101, correlation: "anti-correlated" }, seed)
      // Each item's CPU + memory is at least 110 of the node's 300, so no node holds three.
      expect(demands(g.snapshot).every((d) => (d["CPU"] ?? 0) + (d["memory"] ?? 0) >= 110)).toBe(true)
      expect(g.lowerBound).toBeGreaterThanOrEqual(51)
    }
  })

  it("do not change their parameters", () => {
    const params = Object.freeze({ items: 30, start: "half-full" as const, emptyNodes: 3 })
    expect(() => triplets(params, 1)).not.toThrow()
    expect(params).toEqual({ items: 30, start: "half-full", emptyNodes: 3 })
  })

  it("reject parameters out of range with one typed error naming the parameter", () => {
    const cases: ReadonlyArray<readonly [() => unknown, string]> = [
      [() => triplets({ items: 10 }, 1), "replicore/testing.triplets: items must be a multiple of 3, got 10"],
      [() => uniform({ items: 0 }, 1), "replicore/testing.uniform: items must be an integer ≥ 1, got 0"],
      [() => uniform({ items: 2.5 }, 1), "replicore/testing.uniform: items must be an integer ≥ 1, got 2.5"],
      [() => uniform({ items: 5, emptyNodes: -1 }, 1), "replicore/testing.uniform: emptyNodes must be an integer ≥ 0, got -1"],
      [() => uniform({ items: 5, start: "full" as never }, 1), 'replicore/testing.uniform: start must be "one-per-node" or "half-full", got "full"'],
      [() => schollWide({ items: 5, minSize: 101 }, 1), "replicore/testing.schollWide: minSize must be at most 100, got 101"],
      [() => schollWide({ items: 5, capacity: 99 }, 1), "replicore/testing.schollWide: capacity must be an integer ≥ 100, got 99"],
      [() => schollNarrow({ items: 5, deviation: 1 }, 1), "replicore/testing.schollNarrow: deviation must be in [0, 1), got 1"],
      [() => vector({ items: 5, resources: 4 }, 1), "replicore/testing.vector: resources must be 2 or 3, got 4"],
      [() => vector({ items: 5, correlation: "mixed" as never }, 1), 'replicore/testing.vector: correlation must be "uncorrelated", "correlated" or "anti-correlated", got "mixed"']
    ]
    for (const [run, message] of cases) {
      const error = (() => {
        try {
          run()
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(error).toBeInstanceOf(InvalidGeneratorParameter)
      expect((error as InvalidGeneratorParameter).message).toBe(message)
    }
  })
})
