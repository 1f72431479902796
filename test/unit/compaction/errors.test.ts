/** The compaction errors: their tags, payloads and messages, one problem a line under the operation that refused the input. */
import { describe, expect, it } from "vitest"
import { Compaction } from "../../../src/index.js"

const problems = [
  { item: `nodes[0] ("n1").capacity.CPU`, problem: "must be a non-negative integer, got -1" },
  { item: "options", problem: "must be an options object, got 5" }
]
const lines = `\n  - nodes[0] ("n1").capacity.CPU: must be a non-negative integer, got -1\n  - options: must be an options object, got 5`

describe("compaction errors", () => {
  it("each names its operation and lists every problem, one a line", () => {
    const cases = [
      [new Compaction.InvalidSnapshot({ problems }), "InvalidSnapshot", "replicore/compaction.validate: invalid snapshot:"],
      [new Compaction.InvalidOptions({ problems }), "InvalidOptions", "replicore/compaction.plan: invalid options:"],
      [new Compaction.InvalidPlan({ problems }), "InvalidPlan", "replicore/compaction.decodePlan: invalid plan:"],
      [new Compaction.InvalidDump({ source: "fromRay", problems }), "InvalidDump", "replicore/compaction.fromRay: invalid dump:"],
      [new Compaction.InvalidDump({ source: "fromKubernetes", problems }), "InvalidDump", "replicore/compaction.fromKubernetes: invalid dump:"]
    ] as const
    for (const [error, tag, header] of cases) {
      expect(error._tag).toBe(tag)
      expect(error.problems).toEqual(problems)
      expect(error.message).toBe(header + lines)
      expect(error).toBeInstanceOf(Error)
    }
  })
})
