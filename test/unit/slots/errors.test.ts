/** The slots' errors: each message names its function and item, whatever value it was given. */
import { describe, expect, it } from "vitest"
import { Slots } from "../../../src/index.js"

describe("slots errors", () => {
  const circular: Record<string, unknown> = {}
  circular["self"] = circular
  const errors: ReadonlyArray<readonly [Error, string]> = [
    [new Slots.InvalidCapacity({ operation: "resize", capacity: -2 }), "replicore/slots.resize: max_ongoing_requests must be a positive integer, got -2"],
    [new Slots.DuplicateSlotToken({ token: "t" }), `replicore/slots.reserve: slot token "t" already holds a reservation`],
    [new Slots.UnknownSlotToken({ token: "t" }), `replicore/slots.start: request tried to consume an unknown reserved slot "t"`],
    [new Slots.DuplicateRequest({ requestId: "q", status: "queued" }), `replicore/slots.start: request "q" is already queued`],
    [new Slots.RequestNotRunning({ requestId: "q" }), `replicore/slots.finish: request "q" is not running`],
    [new Slots.InvalidSlotId({ operation: "reserve", field: "token", value: 7 }), "replicore/slots.reserve: token must be a string, got 7"],
    [new Slots.InvalidSlotId({ operation: "start", field: "requestId", value: 7n }), "replicore/slots.start: requestId must be a string, got 7n"],
    [new Slots.InvalidSlotId({ operation: "start", field: "token", value: { a: 1 } }), `replicore/slots.start: token must be a string, got {"a":1}`],
    [new Slots.InvalidSlotId({ operation: "start", field: "token", value: undefined }), "replicore/slots.start: token must be a string, got undefined"],
    [new Slots.InvalidSlotId({ operation: "start", field: "token", value: circular }), "replicore/slots.start: token must be a string, got [object Object]"]
  ]

  it.each(errors)("%s reads as its function and item", (error, message) => {
    expect(error.message).toBe(message)
    expect(error).toBeInstanceOf(Error)
    expect(Slots.isSlotError(error)).toBe(true)
  })

  it("isSlotError refuses anything else", () => {
    expect(Slots.isSlotError(new Error("x"))).toBe(false)
    expect(Slots.isSlotError({ _tag: "DuplicateReplica" })).toBe(false)
    expect(Slots.isSlotError(null)).toBe(false)
  })
})
