/** Router-side selection: addresses and the dispatch errors' messages. */
import { describe, expect, it } from "vitest"
import { Selection, Slots } from "../../../src/index.js"

describe("selection", () => {
  it("address is ip:port whenever a port is set, port 0 included", () => {
    expect(Selection.address({ replicaId: "r", nodeId: "n", nodeIp: "1.2.3.4", port: 0 })).toBe("1.2.3.4:0")
    expect(Selection.address({ replicaId: "r", nodeId: "n", nodeIp: "1.2.3.4" })).toBe("1.2.3.4")
  })

  it("each error names its function and the replica", () => {
    const errors: ReadonlyArray<readonly [Selection.DispatchError | Selection.NoReplicaAvailable, string]> = [
      [
        new Selection.AlreadyDispatched({ replicaId: "r1" }),
        `replicore/selection.dispatch: the selection of replica "r1" was already dispatched; each selection can be dispatched once`
      ],
      [new Selection.ReplicaUnavailable({ replicaId: "r1" }), `replicore/selection.dispatch: replica "r1" is no longer available`],
      [
        new Slots.DuplicateRequest({ requestId: "q", status: "running" }),
        `replicore/slots.start: request "q" is already running`
      ],
      [new Selection.NoReplicaAvailable({ tried: 2 }), "replicore/router.chooseReplica: no replica accepted a reservation (2 tried)"]
    ]
    for (const [error, message] of errors) expect(error.message).toBe(message)
  })
})
