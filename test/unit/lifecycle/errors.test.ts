/** The lifecycle's errors: each message names its function and item, whatever value it was given. */
import { describe, expect, it } from "vitest"
import { Lifecycle } from "../../../src/index.js"

describe("lifecycle errors", () => {
  const circular: Record<string, unknown> = {}
  circular["self"] = circular
  const problems = [{ item: "nodes.0.capacity.CPU", problem: "Expected a non-negative integer, actual -1" }, {
    item: "options",
    problem: "unknown key"
  }]
  const errors: ReadonlyArray<readonly [Error, string]> = [
    [
      new Lifecycle.InvalidConfig({ problems }),
      "replicore/lifecycle.make: invalid configuration:\n  - nodes.0.capacity.CPU: Expected a non-negative integer, actual -1\n  - options: unknown key"
    ],
    [
      new Lifecycle.InvalidEvent({ index: -1, problems: [{ item: "input", problem: "events must be an array" }] }),
      "replicore/lifecycle.tick: invalid input:\n  - input: events must be an array"
    ],
    [
      new Lifecycle.InvalidEvent({ index: 0, problems: [{ item: "type", problem: "unknown event" }] }),
      "replicore/lifecycle.tick: invalid event 0:\n  - type: unknown event"
    ],
    [new Lifecycle.TimeWentBack({ now: 5, previous: 9 }), "replicore/lifecycle.tick: now 5 is before the previous tick's now 9"],
    [new Lifecycle.UnknownReplica({ index: 2, replica: "m#4" }), `replicore/lifecycle.tick: event 2 names unknown replica "m#4"`],
    [new Lifecycle.UnknownNode({ index: 0, node: "n9" }), `replicore/lifecycle.tick: event 0 names unknown node "n9"`],
    [new Lifecycle.DuplicateNode({ index: 1, node: "n1" }), `replicore/lifecycle.tick: event 1 adds node "n1", which is already known`],
    [new Lifecycle.UnknownDeployment({ index: -1, deployment: "d" }), `replicore/lifecycle.query: unknown deployment "d"`],
    [new Lifecycle.UnknownDeployment({ index: 0, deployment: "d" }), `replicore/lifecycle.tick: event 0 names unknown deployment "d"`],
    [
      new Lifecycle.InvalidTarget({ index: 3, deployment: "d", target: 1.5 }),
      `replicore/lifecycle.tick: event 3 sets deployment "d" to target 1.5, which is not a non-negative integer`
    ],
    [
      new Lifecycle.ReplicaAlreadyStarted({ index: 0, replica: "d#0" }),
      `replicore/lifecycle.tick: event 0: replica "d#0" has already started`
    ],
    [new Lifecycle.ReplicaNotStarted({ index: 4, replica: "d#1" }), `replicore/lifecycle.tick: event 4: replica "d#1" has not started`],
    [
      new Lifecycle.UnknownReplica({ index: 0, replica: undefined as never }),
      "replicore/lifecycle.tick: event 0 names unknown replica undefined"
    ],
    [
      new Lifecycle.UnknownNode({ index: 0, node: circular as never }),
      "replicore/lifecycle.tick: event 0 names unknown node [object Object]"
    ]
  ]

  it.each(errors)("%s reads as its function and item", (error, message) => {
    expect(error.message).toBe(message)
    expect(error).toBeInstanceOf(Error)
  })
})
