/**
 * The world's ledger of what the lifecycle was told and what it ordered: the
 * spec's reference model (`spec/lifecycle/model.ts`) kept in maps, so that it
 * can follow every tick of a large cluster cheaply, and turned into the spec's
 * `LifecycleModel` on the ticks whose invariants are evaluated. It follows the
 * spec's `applyEvents` and `applyActions` rule for rule (a unit test compares them).
 */
import type {
  DeploymentSpec,
  LifecycleAction,
  LifecycleEvent,
  LifecycleModel,
  ModelDeployment,
  ModelReplica,
  NodeSpec
} from "../../../spec/lifecycle/model.js"
import { DEFAULT_VERSION } from "../../../spec/lifecycle/model.js"

/** The ledger, in maps that keep the spec model's order. */
export class Ledger {
  private now = 0
  private readonly nodes = new Map<string, NodeSpec>()
  private added = 0
  private readonly released: Array<string> = []
  private draining: Readonly<Record<string, number>> = {}
  private drained = false
  private readonly deployments = new Map<string, ModelDeployment>()
  private readonly replicas = new Map<string, ModelReplica>()
  private readonly started: Array<string> = []

  constructor(nodes: ReadonlyArray<NodeSpec>, deployments: ReadonlyArray<DeploymentSpec>) {
    for (const n of nodes) this.nodes.set(n.id, n)
    for (const d of deployments) {
      this.deployments.set(d.id, { id: d.id, demand: d.demand, target: d.target, version: d.version ?? DEFAULT_VERSION })
    }
  }

  private update(id: string, change: (r: ModelReplica) => ModelReplica): void {
    const r = this.replicas.get(id)
    if (r !== undefined) this.replicas.set(id, change(r))
  }

  /** As the spec's `applyEvents`. */
  applyEvents(now: number, events: ReadonlyArray<LifecycleEvent>): void {
    this.now = now
    for (const e of events) {
      switch (e.type) {
        case "replicaStarted":
          this.update(e.replica, (r) => ({ ...r, phase: "serving", node: e.node, since: now }))
          break
        case "replicaFailed":
        case "replicaUnhealthy":
          break
        case "replicaStopped":
          this.replicas.delete(e.replica)
          break
        case "nodesDraining":
          this.draining = e.nodes
          this.drained = this.drained || Object.keys(e.nodes).length > 0
          break
        case "nodeAdded":
          this.nodes.set(e.node.id, e.node)
          this.added++
          break
        case "nodeRemoved":
          this.nodes.delete(e.node)
          break
        case "setTarget": {
          const d = this.deployments.get(e.deployment)
          if (d !== undefined) this.deployments.set(d.id, { ...d, target: e.target, version: e.version ?? d.version })
          break
        }
      }
    }
  }

  /** As the spec's `applyActions`. */
  applyActions(actions: ReadonlyArray<LifecycleAction>): void {
    for (const a of actions) {
      switch (a.type) {
        case "startReplica":
          this.replicas.set(a.replica, {
            id: a.replica,
            deployment: a.deployment,
            version: a.version,
            node: a.node,
            phase: "starting",
            since: this.now
          })
          this.started.push(a.replica)
          break
        case "stopReplica":
          this.update(a.replica, (r) => ({ ...r, phase: "stopping", since: this.now }))
          break
        case "releaseNode":
          this.released.push(a.node)
          break
      }
    }
  }

  /** The spec's model of the ledger as it stands. */
  toModel(): LifecycleModel {
    return {
      now: this.now,
      nodes: [...this.nodes.values()],
      added: this.added,
      released: [...this.released],
      draining: this.draining,
      drained: this.drained,
      deployments: [...this.deployments.values()],
      replicas: [...this.replicas.values()],
      started: [...this.started]
    }
  }
}
