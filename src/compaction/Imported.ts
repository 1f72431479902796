/**
 * What `fromKubernetes` and `fromRay` answer: the validated snapshot of a
 * cluster dump, and a note for every node, pod or actor that the snapshot
 * leaves out, pins or restricts, with the reason.
 *
 * @since 0.1.0
 */
import type { Snapshot } from "./Snapshot.js"

/**
 * How an item of a dump is treated in the snapshot:
 * - `"left out"`: not in the snapshot (a pending pod, a dead node);
 * - `"pinned"`: a replica that may not move (`movable: false`);
 * - `"counted on its node"`: not a replica; its requests are taken off its
 *   node's capacity and it does not keep the node from being empty (a
 *   DaemonSet pod, a static pod, Serve's proxy actor);
 * - `"not releasable"`: a node that stays (`releasable: false`);
 * - `"accepts no replicas"`: a node nothing moves onto (`acceptsIncoming: false`).
 *
 * @category models
 * @since 0.1.0
 */
export type Treatment = "left out" | "pinned" | "counted on its node" | "not releasable" | "accepts no replicas"

/**
 * One item of a dump that the snapshot does not take as it is, and why:
 * `{ kind: "pod", id: "kube-system/coredns-5d78c9869d-7xkqp", treatment: "pinned", reason: "local storage (emptyDir volume tmp)" }`.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImportNote {
  readonly kind: "node" | "pod" | "actor"
  /** The item's id as the snapshot names it (a node's name, a pod's `namespace/name`, an actor's name or id). */
  readonly id: string
  readonly treatment: Treatment
  /** Every reason, joined by `; `. */
  readonly reason: string
}

/**
 * A converted dump: the snapshot, ready for `plan`, and the notes, in dump order.
 *
 * @example
 * import { Compaction } from "replicore"
 * const imported = Compaction.fromRayOrThrow({
 *   nodes: [{ node_id: "n1", state: "ALIVE", is_head_node: true, resources_total: { CPU: 4 } }],
 *   actors: []
 * })
 * imported.notes // [{ kind: "node", id: "n1", treatment: "not releasable", reason: "head node" }]
 *
 * @category models
 * @since 0.1.0
 */
export interface Imported {
  readonly snapshot: Snapshot
  readonly notes: ReadonlyArray<ImportNote>
}

/**
 * A note as one line: `pinned pod kube-system/coredns-x: no controller`.
 *
 * @example
 * import { Compaction } from "replicore"
 * Compaction.describeNote({ kind: "node", id: "n1", treatment: "not releasable", reason: "head node" })
 * // "not releasable node n1: head node"
 *
 * @category formatting
 * @since 0.1.0
 */
export const describeNote = (note: ImportNote): string => `${note.treatment} ${note.kind} ${note.id}: ${note.reason}`
