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
})
