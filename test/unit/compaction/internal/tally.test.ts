/** `tally`: loads, replica counts and per-deployment counts of a placement, against sums written out by hand. */
import { describe, expect, it } from "vitest"
import { instanceOf } from "../fixtures.js"
import { addLoad, DeploymentCounts, tally } from "../../../../src/compaction/internal/tally.js"

const instance = instanceOf({
  nodes: [{ id: "a", capacity: { CPU: 8, memory: 16 } }, { id: "b", capacity: { CPU: 8, memory: 16 } }],
  deployments: [{ id: "x", demand: { CPU: 1, memory: 2 } }, { id: "y", demand: { CPU: 3 }, maxReplicasPerNode: 2 }],
  replicas: [
    { id: "x1", deployment: "x", node: "a" },
    { id: "x2", deployment: "x", node: "a" },
    { id: "y1", deployment: "y", node: "a" },
    { id: "y2", deployment: "y", node: "b" }
  ]
})

describe("tally", () => {
  it("sums the load of every resource per node (resources in name order: CPU, memory)", () => {
    expect([...tally(instance, instance.replicaNode).load]).toEqual([1 + 1 + 3, 2 + 2, 3, 0])
  })

  it("counts replicas per node and per (node, deployment)", () => {
    const t = tally(instance, instance.replicaNode)
    expect([...t.replicasOn]).toEqual([3, 1])
    expect([t.perDeployment.get(0, 0), t.perDeployment.get(0, 1), t.perDeployment.get(1, 0), t.perDeployment.get(1, 1)]).toEqual([2, 1, 0, 1])
  })

  it("counts only the limited deployments, or none, when asked", () => {
    const limited = tally(instance, instance.replicaNode, "limited").perDeployment
    expect([limited.get(0, 0), limited.get(0, 1), limited.get(1, 1)]).toEqual([0, 1, 1])
    const none = tally(instance, instance.replicaNode, "none").perDeployment
    expect([none.get(0, 0), none.get(0, 1)]).toEqual([0, 0])
  })

  it("follows another placement", () => {
    const t = tally(instance, Int32Array.from([1, 1, 1, 1]))
    expect([...t.load]).toEqual([0, 0, 8, 4])
    expect([...t.replicasOn]).toEqual([0, 4])
  })

  it("addLoad adds and takes away one replica's demand", () => {
    const load = new Float64Array(4)
    addLoad(instance, load, 1, 0, 1)
    expect([...load]).toEqual([0, 0, 1, 2])
    addLoad(instance, load, 1, 0, -1)
    expect([...load]).toEqual([0, 0, 0, 0])
  })

  it("DeploymentCounts copies are independent", () => {
    const counts = new DeploymentCounts(2)
    counts.add(3, 1, 2)
    const copy = counts.copy()
    copy.add(3, 1, 1)
    expect([counts.get(3, 1), copy.get(3, 1), counts.get(3, 0)]).toEqual([2, 3, 0])
  })
})
