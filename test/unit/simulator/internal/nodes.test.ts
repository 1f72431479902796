import { describe, expect, it } from "vitest"
import { fittingType, NodePool, type NodeType } from "../../../../src/simulator/internal/nodes.js"

const gpu: NodeType = { name: "gpu", capacity: { GPU: 8, CPU: 64 }, costPerHour: 30, launchMs: 300_000 }
const cpu: NodeType = { name: "cpu", capacity: { CPU: 16 }, costPerHour: 1, launchMs: 60_000 }

describe("node autoscaler", () => {
  it("picks the cheapest type a replica fits on", () => {
    expect(fittingType([gpu, cpu], { CPU: 4 })?.name).toBe("cpu")
    expect(fittingType([gpu, cpu], { CPU: 4, GPU: 1 })?.name).toBe("gpu")
    expect(fittingType([gpu, cpu], { CPU: 100 })).toBeUndefined()
  })

  it("packs replicas placed nowhere onto a launching node before launching another", () => {
    const pool = new NodePool([gpu, cpu])
    const a = pool.bind("a", { GPU: 4 }, 0)!
    const b = pool.bind("b", { GPU: 4 }, 0)!
    const c = pool.bind("c", { GPU: 4 }, 0)!
    expect(a.launched).toBe(true)
    expect(b).toEqual({ node: a.node, launched: false })
    expect(c.launched).toBe(true)
    expect(c.node.id).not.toBe(a.node.id)
    expect(pool.count).toBe(2)
  })

  it("gives a node back after it was idle for the timeout, not before", () => {
    const pool = new NodePool([cpu])
    const { node } = pool.bind("a", { CPU: 4 }, 0)!
    node.ready = true
    pool.unbind("a", node.id)
    pool.hold(node.id, "a", { CPU: 4 })
    pool.free(node.id, "a", { CPU: 4 }, 1000)
    expect(pool.takeLeaving(1000 + 299_999, 300_000)).toEqual([])
    expect(pool.takeLeaving(1000 + 300_000, 300_000).map((n) => n.id)).toEqual([node.id])
    expect(pool.count).toBe(0)
  })

  it("gives a released node back at once, but never one that holds a replica", () => {
    const pool = new NodePool([cpu])
    const { node } = pool.bind("a", { CPU: 4 }, 0)!
    node.ready = true
    pool.unbind("a", node.id)
    pool.hold(node.id, "a", { CPU: 4 })
    node.released = true
    expect(pool.takeLeaving(0, 300_000)).toEqual([])
    pool.free(node.id, "a", { CPU: 4 }, 10)
    expect(pool.takeLeaving(10, 300_000).map((n) => n.id)).toEqual([node.id])
  })

  it("finds an open node with room, never a draining one", () => {
    const pool = new NodePool([cpu])
    const { node } = pool.bind("a", { CPU: 4 }, 0)!
    node.ready = true
    expect(pool.openFor({ CPU: 12 })?.id).toBe(node.id)
    expect(pool.openFor({ CPU: 13 })).toBeUndefined()
    node.draining = true
    expect(pool.openFor({ CPU: 1 })).toBeUndefined()
  })
})

describe("node autoscaler, a launched node whose replicas left before it came up", () => {
  it("starts its idle timer and gives it back after the timeout", () => {
    const pool = new NodePool([cpu])
    const { node } = pool.bind("a", { CPU: 4 }, 0)!
    pool.unbind("a", node.id)
    node.ready = true
    expect(pool.takeLeaving(60_000, 300_000)).toEqual([])
    expect(pool.takeLeaving(360_000, 300_000).map((n) => n.id)).toEqual([node.id])
  })
})
