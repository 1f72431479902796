/** The container's errors: tagged, recognised by `isContainerError`, and each message names its function and item. */
import { describe, expect, it } from "vitest"
import { Container } from "../../../src/index.js"

describe("container errors", () => {
  const circular: Record<string, unknown> = {}
  circular["self"] = circular
  const errors: ReadonlyArray<readonly [Container.ContainerError, string]> = [
    [new Container.InvalidReplicaState({ operation: "get", state: "X" }), `replicore/container.get: "X" is not a replica state`],
    [
      new Container.InvalidReplica({ operation: "remove", replica: 3, reason: "an id must be a string" }),
      "replicore/container.remove: invalid replica 3: an id must be a string"
    ],
    [
      new Container.DuplicateReplica({ operation: "addAll", id: "a", existingState: "RUNNING" }),
      `replicore/container.addAll: replica "a" is already in the container (in RUNNING)`
    ],
    [new Container.UnknownReplica({ operation: "transition", id: "g" }), `replicore/container.transition: no replica with id "g"`],
    [
      new Container.InvalidVersionFilter({ operation: "count", filter: "version", value: 1n }),
      "replicore/container.count: version must be a string, got 1n"
    ],
    [
      new Container.InvalidMaxReplicas({ value: -1 }),
      "replicore/container.pop: maxReplicas must be a non-negative integer or Infinity, got -1"
    ],
    [
      new Container.InvalidReplica({ operation: "add", replica: undefined, reason: "expected a record" }),
      "replicore/container.add: invalid replica undefined: expected a record"
    ],
    [
      new Container.InvalidReplica({ operation: "add", replica: circular, reason: "expected a record" }),
      "replicore/container.add: invalid replica [object Object]: expected a record"
    ],
    [
      new Container.InvalidReplicaState({ operation: "pop", state: { s: 1 } }),
      `replicore/container.pop: {"s":1} is not a replica state`
    ],
    [
      new Container.ConflictingVersionFilters({ version: "v1", excludeVersion: "v2" }),
      `replicore/container.count: only one of version ("v1") or excludeVersion ("v2") may be provided`
    ]
  ]

  it.each(errors)("%s reads as its function and item", (error, message) => {
    expect(error.message).toBe(message)
    expect(Container.isContainerError(error)).toBe(true)
    expect(error).toBeInstanceOf(Error)
  })

  it("isContainerError refuses anything else", () => {
    expect(Container.isContainerError(new Error("x"))).toBe(false)
    expect(Container.isContainerError({ _tag: "DuplicateSlotToken" })).toBe(false)
    expect(Container.isContainerError(null)).toBe(false)
    expect(Container.isContainerError("DuplicateReplica")).toBe(false)
  })
})
