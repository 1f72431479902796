/** `describeNote`: one line per note, as `replicore plan --from` prints it. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../src/index.js"

describe("describeNote", () => {
  it("says the treatment, the kind, the id and the reason", () => {
    expect(Compaction.describeNote({ kind: "pod", id: "ns/p", treatment: "left out", reason: "phase Pending, not Running" }))
      .toBe("left out pod ns/p: phase Pending, not Running")
    expect(Compaction.describeNote({ kind: "actor", id: "a1", treatment: "counted on its node", reason: "Serve proxy" }))
      .toBe("counted on its node actor a1: Serve proxy")
  })
})
