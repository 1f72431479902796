/**
 * Router-side selection: the replica a request was routed to, holding a
 * reservation until it is dispatched (at most once) or its scope ends. The
 * router that makes selections is `Runtime.Router`.
 *
 * @since 0.1.0
 */
import { Data, type Effect } from "effect"
import type { DuplicateRequest, InvalidSlotId } from "./errors.js"
import type { RequestId, SlotToken } from "./ids.js"

/**
 * Where a replica runs.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReplicaInfo {
  readonly replicaId: string
  readonly nodeId: string
  readonly nodeIp: string
  readonly port?: number
  readonly availabilityZone?: string
}

/**
 * `ip:port` whenever a port is set (port 0 included), else the ip.
 *
 * @example
 * import { Selection } from "replicore"
 * Selection.address({ replicaId: "r", nodeId: "n", nodeIp: "10.0.0.1", port: 0 }) // "10.0.0.1:0"
 * Selection.address({ replicaId: "r", nodeId: "n", nodeIp: "10.0.0.1" }) // "10.0.0.1"
 *
 * @category getters
 * @since 0.1.0
 */
export const address = (info: ReplicaInfo): string => (info.port === undefined ? info.nodeIp : `${info.nodeIp}:${info.port}`)

/**
 * A selection that holds a reservation and can be dispatched once.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReservedSelection extends ReplicaInfo {
  readonly status: "reserved"
  readonly address: string
  readonly token: SlotToken
  /**
   * Runs `work` on the replica as request `requestId`, consuming the
   * reservation. Fails with the work's own error, or with a `DispatchError`:
   * `AlreadyDispatched` on a second call, `ReplicaUnavailable` (releasing the
   * slot) when the replica left the routing set, `DuplicateRequest` when a
   * request with this id already runs or waits on the replica, `InvalidSlotId`
   * when the request id is not a string.
   */
  readonly dispatch: <A, E, R>(
    requestId: RequestId,
    work: Effect.Effect<A, E, R>
  ) => Effect.Effect<Dispatched<A>, E | DispatchError, R>
}

/**
 * A selection after dispatch: it has no `dispatch`.
 *
 * @category models
 * @since 0.1.0
 */
export interface DispatchedSelection extends ReplicaInfo {
  readonly status: "dispatched"
  readonly address: string
}

/**
 * What a dispatch answers: the work's result and the spent selection.
 *
 * @category models
 * @since 0.1.0
 */
export interface Dispatched<A> {
  readonly result: A
  readonly selection: DispatchedSelection
}

/**
 * A selection was dispatched a second time.
 *
 * @example
 * import { Selection } from "replicore"
 * new Selection.AlreadyDispatched({ replicaId: "r1" }).message
 *
 * @category errors
 * @since 0.1.0
 */
export class AlreadyDispatched extends Data.TaggedError("AlreadyDispatched")<{ readonly replicaId: string }> {
  override get message(): string {
    return `replicore/selection.dispatch: the selection of replica ${
      JSON.stringify(this.replicaId)
    } was already dispatched; each selection can be dispatched once`
  }
}

/**
 * The selected replica left the routing set before dispatch; its slot was released.
 *
 * @example
 * import { Selection } from "replicore"
 * new Selection.ReplicaUnavailable({ replicaId: "r1" }).message
 * // 'replicore/selection.dispatch: replica "r1" is no longer available'
 *
 * @category errors
 * @since 0.1.0
 */
export class ReplicaUnavailable extends Data.TaggedError("ReplicaUnavailable")<{ readonly replicaId: string }> {
  override get message(): string {
    return `replicore/selection.dispatch: replica ${JSON.stringify(this.replicaId)} is no longer available`
  }
}

/**
 * Every replica in the routing set refused a reservation (or the set is
 * empty): what `Runtime.Router.chooseReplica` fails with.
 *
 * @example
 * import { Selection } from "replicore"
 * new Selection.NoReplicaAvailable({ tried: 3 }).tried // 3
 *
 * @category errors
 * @since 0.1.0
 */
export class NoReplicaAvailable extends Data.TaggedError("NoReplicaAvailable")<{ readonly tried: number }> {
  override get message(): string {
    return `replicore/router.chooseReplica: no replica accepted a reservation (${this.tried} tried)`
  }
}

/**
 * What a selection's `dispatch` fails with, besides the work's own error: a
 * second dispatch, a replica that left the routing set, or a request id that
 * is already on the replica or is not a string (the slot core's
 * `DuplicateRequest`, `InvalidSlotId`).
 *
 * @category errors
 * @since 0.1.0
 */
export type DispatchError = AlreadyDispatched | ReplicaUnavailable | DuplicateRequest | InvalidSlotId
