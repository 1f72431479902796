/** Scaling: the downscale choice (OSS `test_downscale_single_deployment`, ray-semantics.md §4 E, case 33) and rolling updates. */
import { describe, expect, it } from "vitest"
import { Cluster, started, starts, stopped, stops } from "../support.js"

describe("downscale choice (case 33)", () => {
  it("33: replicas with no node first, then the node with the fewest running replicas, newest first", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 2 } }, { id: "n2", capacity: { CPU: 2 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 4 }]
    })
    const [r1, r2, r3, r4] = starts(c.tick()).map((s) => s.replica)
    c.tick([
      { type: "replicaStarted", replica: r1!, node: "n1" },
      { type: "replicaStarted", replica: r2!, node: "n1" },
      { type: "replicaStarted", replica: r3!, node: "n2" }
    ])
    const stopOf = (target: number) =>
      stops(c.tick([{ type: "setTarget", deployment: "d", target }])).map((s) => s.replica)
    expect(stopOf(3)).toEqual([r4]) // still starting: no node known
    const r5 = starts(c.tick([{ type: "setTarget", deployment: "d", target: 4 }]))[0]!.replica
    expect(stopOf(3)).toEqual([r5]) // launching
    expect(stopOf(2)).toEqual([r3]) // n2 has the fewest running replicas
    expect(new Set(stopOf(0))).toEqual(new Set([r1, r2]))
  })

  it("counts every deployment's replicas on a node, and sorts a head node last", () => {
    const c = new Cluster({
      nodes: [{ id: "head", capacity: { CPU: 4 }, releasable: false }, { id: "a", capacity: { CPU: 4 } }, {
        id: "b",
        capacity: { CPU: 4 }
      }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 3 }, { id: "other", demand: { CPU: 1 }, target: 1 }]
    })
    const placed = c.tick()
    const nodes = new Map([["d", ["head", "a", "b"]], ["other", ["a"]]])
    const seen = new Map<string, number>()
    c.tick(started(placed, (s) => {
      const i = seen.get(s.deployment) ?? 0
      seen.set(s.deployment, i + 1)
      return nodes.get(s.deployment)?.[i] ?? ""
    }))
    const onNode = (id: string) => c.replicasIn("d", "STOPPING").find((r) => r.id === id)?.node
    const first = stops(c.tick([{ type: "setTarget", deployment: "d", target: 2 }]))[0]!.replica
    expect(onNode(first)).toBe("b") // a also holds a replica of "other"
    const second = stops(c.tick([{ type: "setTarget", deployment: "d", target: 1 }]))[0]!.replica
    expect(onNode(second)).toBe("a") // the head node goes last
  })
})

describe("downscale choice, node by node", () => {
  it("the node with the fewest running replicas first, though its replica is not the newest; on a node, newest first; gracefully", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 3 }]
    })
    const [r1, r2, r3] = starts(c.tick()).map((s) => s.replica)
    c.tick([
      { type: "replicaStarted", replica: r1!, node: "n1" },
      { type: "replicaStarted", replica: r2!, node: "n2" },
      { type: "replicaStarted", replica: r3!, node: "n2" }
    ])
    expect(stops(c.tick([{ type: "setTarget", deployment: "d", target: 2 }]))).toEqual([
      { type: "stopReplica", replica: r1, graceful: true }
    ])
    expect(stops(c.tick([{ type: "setTarget", deployment: "d", target: 0 }])).map((s) => s.replica)).toEqual([r3, r2])
  })
})

describe("rolling updates", () => {
  it("replaces at most max(floor(rollingUpdatePercent × target), 1) old replicas at a time", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 100 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 10 }],
      options: { rollingUpdatePercent: 0.3 }
    })
    c.tick(started(c.tick()))
    let actions = c.tick([{ type: "setTarget", deployment: "d", target: 10, version: "v2" }])
    expect(stops(actions)).toHaveLength(3)
    expect(starts(actions).map((s) => s.version)).toEqual(["v2", "v2", "v2"])
    for (let i = 0; i < 10 && actions.length > 0; i++) {
      actions = c.tick([...started(actions), ...stopped(actions)], 1000)
      expect(stops(actions).length).toBeLessThanOrEqual(3)
    }
    expect(c.countsByVersion("d")).toEqual({ "RUNNING v2": 10 })
    expect(c.status("d")).toBe("HEALTHY")
  })

  it("does not roll out while scaling down: the downscale goes first", () => {
    const c = new Cluster({
      nodes: [{ id: "n1", capacity: { CPU: 100 } }],
      deployments: [{ id: "d", demand: { CPU: 1 }, target: 4 }]
    })
    c.tick(started(c.tick()))
    const actions = c.tick([{ type: "setTarget", deployment: "d", target: 2, version: "v2" }])
    expect(starts(actions)).toEqual([])
    expect(stops(actions)).toHaveLength(2)
  })
})
