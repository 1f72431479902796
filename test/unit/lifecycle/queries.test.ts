/** The queries: counts, replicas, status, the compaction cycle; an unknown deployment is `UnknownDeployment`. */
import { describe, expect, it } from "vitest"
import { Container, Lifecycle } from "../../../src/index.js"
import { running } from "./support.js"

describe("queries", () => {
  const c = running({
    nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
    deployments: [{ id: "d", demand: { CPU: 1 }, version: "v7" }],
    options: { compaction: "ray" }
  }, { d: ["n1", "n2"] })

  it("replicas: the deployment's container, each replica with its version and the node it runs on", () => {
    const replicas = Container.get(Lifecycle.replicas(c.state, "d"))
    expect(replicas.map((r) => [r.deployment, r.version, r.node])).toEqual([["d", "v7", "n1"], ["d", "v7", "n2"]])
  })

  it("countByState, status and compaction", () => {
    expect(Lifecycle.countByState(c.state, "d").RUNNING).toBe(2)
    expect(Lifecycle.status(c.state, "d")).toBe("HEALTHY")
    expect(Lifecycle.compaction(c.state)).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 0 })
    c.tick([], 300_000)
    expect(Lifecycle.compaction(c.state)).toEqual({ phase: "active", nodes: ["n1"], startedAt: 300_000, failures: 0 })
    expect(Lifecycle.status(c.state, "d")).toBe("UPDATING")
  })

  it("an unknown deployment is an UnknownDeployment naming it", () => {
    for (const query of [Lifecycle.countByState, Lifecycle.replicas, Lifecycle.status]) {
      expect(() => query(c.state, "nope")).toThrow(Lifecycle.UnknownDeployment)
    }
    expect(() => Lifecycle.status(c.state, "nope")).toThrow('replicore/lifecycle.query: unknown deployment "nope"')
  })
})
