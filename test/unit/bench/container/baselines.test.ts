/**
 * The benchmark's baselines are faithful: on the same input, Ray's single-pass
 * `stop_replicas` leaves exactly the state the container's remove + addAll
 * leaves, and the old pop-all/re-add differs only in the order inside STOPPING
 * that PR #60832 describes (newly stopped replicas from earlier states land
 * before the ones already stopping).
 */
import { describe, expect, it } from "vitest"
import {
  MutableReplica,
  MutableStateContainer,
  stopReplicasPersistent,
  stopReplicasPopAll,
  stopReplicasSinglePass
} from "../../../../bench/container/baselines.js"
import { Container } from "../../../../src/index.js"

const layout: ReadonlyArray<readonly [Container.ReplicaState, string]> = [
  ["STOPPING", "d"],
  ["RUNNING", "a"],
  ["STARTING", "b"],
  ["RUNNING", "c"],
  ["PENDING_MIGRATION", "e"],
  ["STOPPING", "f"]
]

const mutable = () => {
  const c = new MutableStateContainer()
  for (const [state, id] of layout) c.add(state, new MutableReplica(id, "v1", state))
  return c
}
const persistent = () =>
  layout.reduce((c, [state, id]) => Container.add(c, state, { id, version: "v1" }), Container.empty())

const byState = (ids: (state: Container.ReplicaState) => ReadonlyArray<string>) =>
  Object.fromEntries(Container.ALL_REPLICA_STATES.map((s) => [s, ids(s)]))

describe("benchmark baselines", () => {
  const toStop = new Set(["c", "b", "e", "zz"])

  it("single pass leaves exactly what remove + addAll leaves", () => {
    const m = mutable()
    stopReplicasSinglePass(m, toStop)
    const p = stopReplicasPersistent(persistent(), toStop)
    expect(byState((s) => m.get([s]).map((r) => r.id))).toEqual(
      byState((s) => Container.get(p, { states: [s] }).map((r) => r.id))
    )
    expect(m.get().filter((r) => r.stopped).map((r) => r.id).sort()).toEqual(["b", "c", "e"])
  })

  it("pop-all/re-add agrees but for the order inside STOPPING", () => {
    const m = mutable()
    stopReplicasPopAll(m, toStop)
    const p = stopReplicasPersistent(persistent(), toStop)
    for (const s of Container.ALL_REPLICA_STATES) {
      const old = m.get([s]).map((r) => r.id)
      const now = Container.get(p, { states: [s] }).map((r) => r.id)
      if (s === "STOPPING") {
        expect(old).toEqual(["b", "c", "d", "f", "e"])
        expect(now).toEqual(["d", "f", "b", "c", "e"])
      } else {
        expect(old).toEqual(now)
      }
    }
    // Every re-added replica had its details record rebuilt: the cost the new code removed.
    expect(m.get().every((r) => r.details.state === (Container.ALL_REPLICA_STATES.find((s) => m.get([s]).includes(r))))).toBe(true)
  })
})
