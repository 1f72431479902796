/** The queries: counts, replicas, status, the compaction cycle; an unknown deployment is `UnknownDeployment`. */
import { describe, expect, it } from "vitest"
import { Container, Lifecycle } from "../../../src/index.js"
import { running, started } from "./support.js"

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

  it("compaction: backoff while now < nextAllowed after a failure, idle from nextAllowed on when none starts", () => {
    const c = running({
      nodes: [{ id: "n1", capacity: { CPU: 4 } }, { id: "n2", capacity: { CPU: 4 } }],
      deployments: [{ id: "d", demand: { CPU: 1 } }],
      options: { compaction: "ray" }
    }, { d: ["n1", "n2"] })
    const migration = c.tick([], 300_000)
    expect(Lifecycle.compaction(c.state)).toMatchObject({ phase: "active", nodes: ["n1"] })
    // The replacement reports running on n1, the node being emptied: cancelled, one failure, next allowed 2^1 s later.
    c.tick(started(migration, () => "n1"), 1000)
    expect(Lifecycle.compaction(c.state)).toEqual({ phase: "backoff", nodes: [], startedAt: null, failures: 1 })
    c.tick([], 1999)
    expect(Lifecycle.compaction(c.state).phase).toBe("backoff")
    // At exactly nextAllowed the back-off is over; no compaction starts (the cluster is not quiet for the delay yet).
    c.tick([], 1)
    expect(Lifecycle.compaction(c.state)).toEqual({ phase: "idle", nodes: [], startedAt: null, failures: 1 })
  })

  it("an unknown deployment is an UnknownDeployment naming it", () => {
    for (const query of [Lifecycle.countByState, Lifecycle.replicas, Lifecycle.status]) {
      expect(() => query(c.state, "nope")).toThrow(Lifecycle.UnknownDeployment)
    }
    expect(() => Lifecycle.status(c.state, "nope")).toThrow('replicore/lifecycle.query: unknown deployment "nope"')
  })
})
