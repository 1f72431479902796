/**
 * `make`: the lifecycle's first state, from nodes, deployments and options.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import * as Container from "../container/index.js"
import { Config, type ConfigInput } from "./Config.js"
import { type InputProblem, InvalidConfig } from "./errors.js"
import { problemsOf } from "./internal/problems.js"
import { priorityOrder, toVector, withNames } from "./internal/resources.js"
import * as SeqMap from "./internal/seqMap.js"
import { type DeploymentEntry, emptyNode, type NodeEntry, wrap } from "./internal/state.js"
import type { LifecycleState } from "./State.js"

/**
 * The errors `make` throws.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * import { Either } from "effect"
 * const r = Either.try({ try: () => Lifecycle.make({ nodes: [], deployments: [{ id: "d", demand: {}, target: 0.5 }] }), catch: (e) => e as Lifecycle.MakeError })
 * Either.isLeft(r) && r.left._tag // "InvalidConfig"
 *
 * @category errors
 * @since 0.1.0
 */
export type MakeError = InvalidConfig

const decodeConfig = Schema.decodeUnknownEither(Config, { errors: "all", onExcessProperty: "ignore" })

const duplicates = (kind: string, ids: ReadonlyArray<string>): Array<InputProblem> => {
  const seen = new Set<string>()
  return ids.flatMap((id) => {
    const repeated = seen.has(id)
    seen.add(id)
    return repeated ? [{ item: `${kind} ${JSON.stringify(id)}`, problem: `duplicate ${kind} id` }] : []
  })
}

/**
 * The lifecycle of a cluster with these nodes and deployments, before its
 * first tick: no replica yet (the first tick starts them), every deployment
 * UPDATING (HEALTHY at target 0), no node draining, no compaction. Options
 * take Ray's defaults (see `Options`). Bad input (a negative or fractional
 * quantity or target, a duplicate id, an unknown option) is one
 * `InvalidConfig` naming every offending item.
 *
 * @throws {InvalidConfig} when the nodes, deployments or options do not decode, or ids repeat.
 *
 * @example
 * import { Lifecycle } from "replicore"
 * const state = Lifecycle.make({
 *   nodes: [{ id: "n1", capacity: { CPU: 4000 } }],
 *   deployments: [{ id: "model", demand: { CPU: 1000 }, target: 2 }],
 *   options: { compaction: "planner" }
 * })
 * Lifecycle.status(state, "model") // "UPDATING"
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (config: ConfigInput): LifecycleState => {
  const decoded = decodeConfig(config)
  if (Either.isLeft(decoded)) {
    throw new InvalidConfig({ problems: problemsOf(decoded.left, "") })
  }
  const { deployments, nodes, options } = decoded.right
  const problems = [
    ...duplicates("node", nodes.map((n) => n.id)),
    ...duplicates("deployment", deployments.map((d) => d.id)),
    ...deployments.flatMap((d) =>
      d.id.includes("#") ? [{ item: `deployment ${JSON.stringify(d.id)}`, problem: "an id must not contain #" }] : []
    )
  ]
  if (problems.length > 0) throw new InvalidConfig({ problems })
  let names: ReadonlyArray<string> = []
  for (const n of nodes) names = withNames(names, n.capacity)
  for (const d of deployments) names = withNames(names, d.demand)
  const nodeEntries: ReadonlyArray<NodeEntry> = nodes.map((n) => emptyNode(names, n))
  const deploymentEntries: ReadonlyArray<DeploymentEntry> = deployments.map((d) => ({
    id: d.id,
    demand: toVector(names, d.demand),
    target: d.target,
    version: d.version,
    maxSurge: d.maxSurge,
    maxReplicasPerNode: d.maxReplicasPerNode,
    replicas: Container.empty(),
    records: SeqMap.empty(),
    nextSeq: 0,
    outdated: 0,
    neverStarted: new Set(),
    status: d.target === 0 ? "HEALTHY" : "UPDATING",
    steadySince: null
  }))
  return wrap({
    options,
    now: -Infinity,
    settled: false,
    resources: names,
    order: priorityOrder(names),
    nodes: nodeEntries,
    nodeIndex: new Map(nodeEntries.map((n, i) => [n.id, i])),
    deployments: deploymentEntries,
    deploymentIndex: new Map(deploymentEntries.map((d, i) => [d.id, i])),
    draining: new Map(),
    removed: new Set(),
    compaction: { active: undefined, failures: 0, nextAllowed: 0, releasing: new Set(), searchedAt: -1, searchedMovable: "" },
    quietSince: null,
    layout: 0
  })
}
