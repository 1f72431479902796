/**
 * The planner on Ray's cases, make-room, pinned replicas, the concurrency
 * limit and bad options; against first fit decreasing and Ray's algorithm
 * on generated starts; empty nodes change nothing.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { propertyParameters } from "../../../properties/support/settings.js"
import { generatedSnapshot } from "../../../spec/compaction.js"
import { Compaction } from "../../../src/index.js"
import { seededRandom } from "../../../src/internal/random.js"
import { cluster, verified } from "./fixtures.js"

const snapshot = Compaction.validateOrThrow

describe("the planner on Ray's cases", () => {
  it("releases at least as many nodes as Ray, with a verified plan", () => {
    const s = cluster({ n1: { CPU: 9 }, n2: { CPU: 4 }, n3: { CPU: 5 } }, { A: { CPU: 1 }, B: { CPU: 2 }, C: { CPU: 3 } }, [
      ["A", "n2"], ["A", "n2"], ["B", "n3"], ["C", "n1"], ["C", "n1"]
    ])
    const plan = verified(s, Compaction.plan(s))
    expect(plan.released.length).toBeGreaterThanOrEqual(Compaction.rayCompaction(s).released.length)
    expect(plan.metrics.migrations).toBe(1)
  })

  it("returns an empty plan when nothing can be released, and explains the under-used nodes", () => {
    const s = cluster({ a: { CPU: 4 }, b: { CPU: 4 } }, { big: { CPU: 3 } }, [["big", "a"], ["big", "b"]])
    const plan = verified(s, Compaction.plan(s))
    expect(plan.steps).toEqual([])
    expect(plan.released).toEqual([])
    expect(plan.explanations).toEqual([])
    const light = cluster({ a: { CPU: 8 }, b: { CPU: 8 } }, { small: { CPU: 1 } }, [["small", "a"], ["small", "b"], ["small", "b"]])
    const kept = verified(light, Compaction.plan(light, { migrationBudget: 0 }))
    expect(kept.steps).toEqual([])
    expect(kept.explanations).toEqual([
      expect.objectContaining({ node: "a", reason: "migration-budget" }),
      expect.objectContaining({ node: "b", reason: "migration-budget" })
    ])
    const stuck = cluster({ a: { CPU: 8 }, b: { CPU: 8 } }, { big: { CPU: 3 } }, [["big", "a"], ["big", "b"], ["big", "b"]])
    expect(verified(stuck, Compaction.plan(stuck)).explanations).toEqual([
      { node: "a", reason: "no-room", replica: "r0", message: `replica "r0" fits on no other kept node, even after making room` }
    ])
  })

  it("makes room: a replica moves on so that another can land, in two waves", () => {
    const s = snapshot({
      nodes: [{ id: "a", capacity: { CPU: 10 } }, { id: "b", capacity: { CPU: 10 } }, {
        id: "r",
        capacity: { CPU: 10 },
        acceptsIncoming: false
      }],
      deployments: [5, 4, 6, 5].map((cpu, i) => ({ id: `d${i}`, demand: { CPU: cpu } })),
      replicas: [["d0", "a"], ["d1", "a"], ["d2", "b"], ["d3", "r"]].map(([deployment, node], i) => ({
        id: `x${i}`,
        deployment: deployment ?? "",
        node: node ?? ""
      }))
    })
    const plan = verified(s, Compaction.plan(s))
    expect(plan.released).toEqual([{ node: "r", afterWave: 2 }])
    expect(plan.steps).toEqual([
      { replica: "x1", deployment: "d1", from: "a", to: "b", wave: 1 },
      { replica: "x3", deployment: "d3", from: "r", to: "a", wave: 2 }
    ])
  })

  it("never moves a pinned replica nor a replica of a deployment with maxSurge 0", () => {
    const s = snapshot({
      nodes: [{ id: "a", capacity: { CPU: 4 } }, { id: "b", capacity: { CPU: 4 } }, { id: "c", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }, { id: "frozen", demand: { CPU: 1 }, maxSurge: 0 }],
      replicas: [
        { id: "p", deployment: "d", node: "a", movable: false },
        { id: "f", deployment: "frozen", node: "b" },
        { id: "m", deployment: "d", node: "c" }
      ]
    })
    const plan = verified(s, Compaction.plan(s))
    expect(plan.released.map((r) => r.node)).toEqual(["c"])
    expect(plan.steps.map((st) => st.replica)).toEqual(["m"])
  })

  it("keeps the concurrency limit by splitting waves", () => {
    const s = cluster({ a: { CPU: 8 }, b: { CPU: 8 } }, { d: { CPU: 1 } }, [["d", "a"], ["d", "a"], ["d", "a"], ["d", "b"], ["d", "b"], ["d", "b"], ["d", "b"]])
    const plan = verified(s, Compaction.plan(s, { maxConcurrentMigrations: 1 }))
    expect(plan.metrics.waves).toBe(3)
    expect(Compaction.verify(s, plan, { maxConcurrentMigrations: 1 })._tag).toBe("Right")
  })

  it("refuses bad options with a typed error naming the field", () => {
    const s = cluster({ a: { CPU: 1 } }, { d: { CPU: 1 } }, [])
    expect(() => Compaction.plan(s, { maxConcurrentMigrations: 0 })).toThrow(Compaction.InvalidOptions)
    expect(() => Compaction.plan(s, { migrationBudget: -1 })).toThrow(/options\.migrationBudget/)
    expect(() => Compaction.plan(s, { objective: "speed" } as never)).toThrow(/options\.objective/)
  })
})

/** Items of sizes 20–100 in nodes of 150 (Falkenauer's uniform class), one replica per node, and `idle` empty nodes after them. */
const uniform = (items: number, seed: number, idle = 0) => {
  const next = seededRandom(seed)
  const sizes = Array.from({ length: items }, () => 20 + Math.floor(next() * 81))
  const id = (i: number) => `n${String(i).padStart(4, "0")}`
  return {
    sizes,
    snapshot: Compaction.validateOrThrow({
      nodes: Array.from({ length: items + idle }, (_, i) => ({ id: id(i), capacity: { CPU: 150 } })),
      deployments: sizes.map((cpu, i) => ({ id: `d${i}`, demand: { CPU: cpu }, maxSurge: 1 })),
      replicas: sizes.map((_, i) => ({ id: `r${i}`, deployment: `d${i}`, node: id(i) }))
    })
  }
}

/** First fit decreasing from scratch on plain arrays. */
const ffd = (sizes: ReadonlyArray<number>, capacity: number): number => {
  const bins: Array<number> = []
  for (const s of [...sizes].sort((a, b) => b - a)) {
    const b = bins.findIndex((load) => load + s <= capacity)
    if (b < 0) bins.push(s)
    else bins[b] = (bins[b] ?? 0) + s
  }
  return bins.length
}

describe("the planner against the simple answers", () => {
  it("keeps no more nodes than first fit decreasing from scratch when every replica has a node of its own", () => {
    for (const [items, seed] of [[60, 1], [60, 2], [120, 3], [160, 4]] as const) {
      const { sizes, snapshot } = uniform(items, seed)
      const plan = verified(snapshot, Compaction.plan(snapshot))
      expect(plan.metrics.nodesAfter, `${items} items, seed ${seed}`).toBeLessThanOrEqual(ffd(sizes, 150))
    }
  })

  it("gives the same plan with empty nodes added", () => {
    for (const seed of [1, 2, 3]) {
      const plain = Compaction.plan(uniform(60, seed).snapshot)
      const padded = Compaction.plan(uniform(60, seed, 40).snapshot)
      expect(padded.metrics.nodesAfter).toBe(plain.metrics.nodesAfter)
      expect(padded.steps).toEqual(plain.steps)
    }
  })

  it("keeps no more nodes than Ray's algorithm run to its fixpoint, on generated starts", () => {
    fc.assert(
      fc.property(generatedSnapshot, ([generator, input]) => {
        const s = Compaction.validateOrThrow(input)
        const plan = Compaction.plan(s)
        const ray = Compaction.rayCompaction(s)
        expect(plan.metrics.nodesAfter, generator).toBeLessThanOrEqual(ray.metrics.nodesAfter)
      }),
      propertyParameters(150)
    )
  })
})
