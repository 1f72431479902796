import { describe, expect, it } from "vitest"
import { applyActions, applyEvents, modelOf, type LifecycleAction, type LifecycleEvent } from "../../../../spec/lifecycle/model.js"
import { Ledger } from "../../../../src/simulator/internal/ledger.js"

const nodes = [{ id: "n1", capacity: { CPU: 4 } }]
const deployments = [{ id: "d", demand: { CPU: 1 }, target: 2 }]

const steps: ReadonlyArray<readonly [number, ReadonlyArray<LifecycleEvent>, ReadonlyArray<LifecycleAction>]> = [
  [0, [], [
    { type: "startReplica", replica: "d#0", deployment: "d", version: "v1", node: "n1" },
    { type: "startReplica", replica: "d#1", deployment: "d", version: "v1", node: null }
  ]],
  [10, [{ type: "nodeAdded", node: { id: "n2", capacity: { CPU: 4 } } }, { type: "replicaStarted", replica: "d#1", node: "n2" }], []],
  [20, [{ type: "nodesDraining", nodes: { n1: 99 } }, { type: "setTarget", deployment: "d", target: 1 }], [
    { type: "stopReplica", replica: "d#0", graceful: true }
  ]],
  [30, [{ type: "replicaStopped", replica: "d#0" }, { type: "nodeRemoved", node: "n1" }], [{ type: "releaseNode", node: "n2" }]]
]

describe("Ledger", () => {
  it("follows the spec's reference model event for event and action for action", () => {
    const ledger = new Ledger(nodes, deployments)
    let model = modelOf(nodes, deployments)
    for (const [now, events, actions] of steps) {
      ledger.applyEvents(now, events)
      ledger.applyActions(actions)
      model = applyActions(applyEvents(model, now, events), actions)
      expect(ledger.toModel()).toEqual(model)
    }
  })
})
