/** Grouping replicas into deployments, merging notes, and the final validation. */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { finish, group, Notes } from "../../../../../src/compaction/internal/import/assemble.js"

const member = (id: string, groupId: string, cpu: number, movable = true) => ({ id, node: "n", group: groupId, demand: { CPU: cpu, GPU: 0 }, movable })

describe("group", () => {
  it("makes one deployment per group and demand, in order of first appearance, zero amounts dropped", () => {
    const grouped = group([member("a", "g", 1), member("b", "h", 2, false), member("c", "g", 3), member("d", "g", 1)], (g) => (g === "h" ? 0 : undefined))
    expect(grouped.deployments).toEqual([
      { id: "g", demand: { CPU: 1 } },
      { id: "h", demand: { CPU: 2 }, maxSurge: 0 },
      { id: "g~2", demand: { CPU: 3 } }
    ])
    expect(grouped.replicas).toEqual([
      { id: "a", deployment: "g", node: "n" },
      { id: "b", deployment: "h", node: "n", movable: false },
      { id: "c", deployment: "g~2", node: "n" },
      { id: "d", deployment: "g", node: "n" }
    ])
  })

  it("makes one deployment of one demand, whatever the order of its resources", () => {
    const orders = [["CPU", "GPU", "memory"], ["CPU", "memory", "GPU"], ["GPU", "CPU", "memory"], ["GPU", "memory", "CPU"], ["memory", "CPU", "GPU"], ["memory", "GPU", "CPU"]]
    const amount: Record<string, number> = { CPU: 1, GPU: 2, memory: 3 }
    const members = orders.map((order, i) => ({ id: `r${i}`, node: "n", group: "g", demand: Object.fromEntries(order.map((r) => [r, amount[r] ?? 0])), movable: true }))
    const grouped = group(members, () => undefined)
    expect(grouped.deployments).toEqual([{ id: "g", demand: { CPU: 1, GPU: 2, memory: 3 } }])
    expect(grouped.replicas.map((r) => r.deployment)).toEqual(["g", "g", "g", "g", "g", "g"])
  })

  it("leaves maxSurge out of a deployment whose group has none", () => {
    expect(group([member("a", "g", 1)], () => undefined).deployments).toStrictEqual([{ id: "g", demand: { CPU: 1 } }])
  })
})

describe("Notes", () => {
  it("keeps one note per item and treatment, every reason once, in the order found", () => {
    const notes = new Notes()
    notes.add("pod", "p", "pinned", "a")
    notes.add("node", "n", "not releasable", "b")
    notes.add("pod", "p", "pinned", "c")
    notes.add("pod", "p", "pinned", "a")
    expect(notes.list()).toEqual([
      { kind: "pod", id: "p", treatment: "pinned", reason: "a; c" },
      { kind: "node", id: "n", treatment: "not releasable", reason: "b" }
    ])
  })
})

describe("finish", () => {
  it("validates the snapshot, and reports what validation refuses as problems of the converted snapshot", () => {
    const nodes = [{ id: "n", capacity: { CPU: 1 } }]
    const ok = finish("fromRay", nodes, group([member("a", "g", 1)], () => undefined), undefined, new Notes())
    expect(Either.isRight(ok) && ok.right.snapshot.replicas).toEqual([{ id: "a", deployment: "g", node: "n", movable: true }])
    const over = finish("fromRay", nodes, group([member("a", "g", 2)], () => undefined), undefined, new Notes())
    expect(Either.isLeft(over) && over.left.problems).toEqual([
      { item: 'converted snapshot: nodes[0] ("n").capacity.CPU', problem: "over capacity: its replicas need 2, it has 1" }
    ])
    expect(Either.isLeft(over) && over.left.message.split("\n")[0]).toBe("replicore/compaction.fromRay: invalid dump:")
  })

  it("gives the snapshot no options field when there are none, and the options when there are", () => {
    const nodes = [{ id: "n", capacity: { CPU: 1 } }]
    const none = finish("fromRay", nodes, group([], () => undefined), undefined, new Notes())
    expect(Either.isRight(none) && Object.keys(none.right.snapshot)).toEqual(["nodes", "deployments", "replicas"])
    const some = finish("fromKubernetes", nodes, group([], () => undefined), { objective: "cost" }, new Notes())
    expect(Either.isRight(some) && some.right.snapshot.options).toEqual({ objective: "cost", seed: 0 })
  })
})
