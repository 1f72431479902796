/**
 * The router, `Runtime.Router`: power-of-two-choices on `numOngoing` over
 * several replica runtimes, reserve, retry another replica on refusal, and
 * hand back a scoped selection that `dispatch` consumes.
 *
 * @since 0.1.0
 */
import { Effect, Random, Ref, type Scope } from "effect"
import * as Slots from "../slots/index.js"
import * as Selection from "../slots/Selection.js"
import * as Replica from "./Replica.js"

/**
 * A replica in the routing set: where it runs, and its runtime.
 *
 * @category models
 * @since 0.1.0
 */
export interface RoutedReplica extends Selection.ReplicaInfo {
  readonly runtime: Replica.ReplicaRuntime
}

/**
 * A router: the current routing set and a source of unique tokens.
 *
 * @category models
 * @since 0.1.0
 */
export interface Router {
  readonly routerId: string
  /** @internal */
  readonly replicas: Ref.Ref<ReadonlyArray<RoutedReplica>>
  /** @internal */
  readonly issued: Ref.Ref<number>
}

/**
 * A router over `replicas`; `routerId` prefixes its tokens (default: drawn
 * from effect's `Random`), so two routers over the same replicas need distinct ids.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime } from "replicore"
 * const router = Effect.runSync(Runtime.Router.make([], "router-1"))
 * router.routerId // "router-1"
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (replicas: ReadonlyArray<RoutedReplica>, routerId?: string): Effect.Effect<Router> =>
  Effect.gen(function*() {
    const id = routerId ?? `router-${(yield* Random.nextInt).toString(36)}`
    return { routerId: id, replicas: yield* Ref.make(replicas), issued: yield* Ref.make(0) }
  })

/**
 * Replaces the routing set (replicas that left it can no longer be dispatched to).
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime } from "replicore"
 * Effect.runSync(Effect.flatMap(Runtime.Router.make([], "r"), (router) => Runtime.Router.setReplicas(router, [])))
 *
 * @category combinators
 * @since 0.1.0
 */
export const setReplicas = (router: Router, replicas: ReadonlyArray<RoutedReplica>): Effect.Effect<void> =>
  Ref.set(router.replicas, replicas)

/** Power of two choices: two distinct random candidates, the less loaded one (the first on a tie). */
const pickTwo = (candidates: ReadonlyArray<RoutedReplica>): Effect.Effect<RoutedReplica> =>
  Effect.gen(function*() {
    const first = candidates[yield* Random.nextIntBetween(0, candidates.length)] as RoutedReplica
    if (candidates.length === 1) return first
    const others = candidates.filter((c) => c !== first)
    const second = others[yield* Random.nextIntBetween(0, others.length)] as RoutedReplica
    const [a, b] = [yield* Replica.numOngoing(first.runtime), yield* Replica.numOngoing(second.runtime)]
    return b < a ? second : first
  })

const infoOf = ({ runtime: _runtime, ...info }: RoutedReplica): Selection.ReplicaInfo => info

/**
 * What `chooseReplica` fails with: every replica refused a reservation.
 *
 * @category errors
 * @since 0.1.0
 */
export type ChooseReplicaError = Selection.NoReplicaAvailable

/**
 * Chooses a replica and reserves a slot on it, retrying others that refuse.
 * Fails with `ChooseReplicaError` (`NoReplicaAvailable`) when every replica
 * refused, holding nothing. The reservation belongs to the surrounding scope:
 * closing it without dispatch releases the slot, exactly once.
 *
 * @example
 * import { Effect } from "effect"
 * import { Runtime, Slots } from "replicore"
 * const program = Effect.gen(function*() {
 *   const runtime = yield* Runtime.Replica.make("r1", 4)
 *   const router = yield* Runtime.Router.make([{ replicaId: "r1", nodeId: "n1", nodeIp: "10.0.0.1", port: 8000, runtime }], "router")
 *   return yield* Effect.scoped(Effect.gen(function*() {
 *     const selection = yield* Runtime.Router.chooseReplica(router)
 *     const { result } = yield* selection.dispatch(Slots.RequestId("q1"), Effect.succeed(selection.address))
 *     return result // "10.0.0.1:8000"
 *   }))
 * })
 * Effect.runSync(program)
 *
 * @category combinators
 * @since 0.1.0
 */
export const chooseReplica = (
  router: Router
): Effect.Effect<Selection.ReservedSelection, ChooseReplicaError, Scope.Scope> =>
  Effect.gen(function*() {
    let candidates = yield* Ref.get(router.replicas)
    const total = candidates.length
    while (candidates.length > 0) {
      const chosen = yield* pickTwo(candidates)
      const n = yield* Ref.getAndUpdate(router.issued, (i) => i + 1)
      const token = Slots.SlotToken(`${router.routerId}/${n}`)
      // Tokens are unique per router (its id, then a counter): a duplicate is a defect, two routers sharing an id.
      const reservation = yield* Effect.orDie(Replica.reserve(chosen.runtime, token))
      if (reservation.accepted) return yield* selectionOf(router, chosen, token)
      candidates = candidates.filter((c) => c !== chosen)
    }
    return yield* Effect.fail(new Selection.NoReplicaAvailable({ tried: total }))
  })

const selectionOf = (
  router: Router,
  chosen: RoutedReplica,
  token: Slots.SlotToken
): Effect.Effect<Selection.ReservedSelection> =>
  Effect.map(Ref.make(false), (spent) => {
    const info = infoOf(chosen)
    const addressed = { ...info, address: Selection.address(info) }
    return {
      ...addressed,
      status: "reserved",
      token,
      dispatch: <A, E, R>(requestId: Slots.RequestId, work: Effect.Effect<A, E, R>) =>
        Effect.gen(function*() {
          if (yield* Ref.getAndSet(spent, true)) {
            return yield* Effect.fail(new Selection.AlreadyDispatched({ replicaId: info.replicaId }))
          }
          const routable = (yield* Ref.get(router.replicas)).some((r) => r.runtime === chosen.runtime)
          if (!routable) {
            yield* Replica.release(chosen.runtime, token)
            return yield* Effect.fail(new Selection.ReplicaUnavailable({ replicaId: info.replicaId }))
          }
          // The work's own failure is kept apart from the slot core's. The token is held (the scope is open and it
          // was not spent), so an unknown token is a defect; a request id already on the replica is the caller's.
          const outcome = yield* Replica.handle(chosen.runtime, requestId, Effect.either(work), { token }).pipe(
            Effect.catchTag("UnknownSlotToken", Effect.die)
          )
          if (outcome instanceof Replica.Rejected) return yield* Effect.die(outcome)
          const result: A = yield* outcome
          const dispatched: Selection.DispatchedSelection = { ...addressed, status: "dispatched" }
          return { result, selection: dispatched }
        })
    }
  })
