/** Type tests of the slot core, the selection typestate and the runtime's error channels. */
import { Effect, type Scope } from "effect"
import { expectAssignable, expectError, expectNotAssignable, expectType } from "tsd"
import { Runtime, Selection, Slots } from "../../dist/src/index.js"

// Tokens and request ids are branded: a plain string is neither, and they are not interchangeable.
const token = Slots.SlotToken("t1")
const request = Slots.RequestId("q1")
expectAssignable<string>(token)
expectNotAssignable<Slots.SlotToken>("t1")
expectNotAssignable<Slots.SlotToken>(request)
expectNotAssignable<Slots.RequestId>(token)
const s = Slots.make(2)
expectError(Slots.reserve(s, "t1"))
expectError(Slots.start(s, "q1"))
expectError(Slots.start(s, request, { token: "t1" }))
expectError(Slots.release(s, request))

// Results are exhaustive unions / records with the new state beside the answer.
const started = Slots.start(s, request)
expectType<"started" | "queued" | "rejected">(started.outcome)
expectType<Slots.SlotState>(started.state)
expectType<ReadonlyArray<Slots.RequestId>>(Slots.finish(started.state, request).granted)
expectType<boolean>(Slots.release(s, token).released)
expectType<boolean>(Slots.reserve(s, token).accepted)

// The dispatch typestate: a reserved selection can be dispatched, a dispatched one cannot.
declare const reserved: Selection.ReservedSelection
expectType<"reserved">(reserved.status)
const dispatched = reserved.dispatch(request, Effect.succeed(42))
expectType<
  Effect.Effect<
    Selection.Dispatched<number>,
    Selection.AlreadyDispatched | Selection.ReplicaUnavailable | Slots.DuplicateRequest | Slots.InvalidSlotId,
    never
  >
>(dispatched)
declare const spent: Selection.DispatchedSelection
expectType<"dispatched">(spent.status)
expectError(spent.dispatch(request, Effect.succeed(1)))
expectNotAssignable<Selection.ReservedSelection>(spent)

// The work's own error type flows through dispatch.
class Boom {
  readonly _tag = "Boom"
}
expectType<Effect.Effect<Selection.Dispatched<never>, Boom | Selection.DispatchError, never>>(
  reserved.dispatch(request, Effect.fail(new Boom()))
)

// chooseReplica needs a Scope: the reservation lives in it.
declare const router: Runtime.Router.Router
expectType<Effect.Effect<Selection.ReservedSelection, Selection.NoReplicaAvailable, Scope.Scope>>(
  Runtime.Router.chooseReplica(router)
)
expectType<Selection.NoReplicaAvailable>({} as Runtime.Router.ChooseReplicaError)

// Each slot operation's error union is exactly what it throws (its `@throws`).
expectType<"InvalidCapacity">({} as Slots.MakeError["_tag"])
expectType<"DuplicateSlotToken" | "InvalidSlotId">({} as Slots.ReserveError["_tag"])
expectType<"UnknownSlotToken" | "DuplicateRequest" | "InvalidSlotId">({} as Slots.StartError["_tag"])
expectType<"RequestNotRunning">({} as Slots.FinishError["_tag"])
expectType<"InvalidCapacity">({} as Slots.ResizeError["_tag"])
expectType<
  "InvalidCapacity" | "DuplicateSlotToken" | "UnknownSlotToken" | "DuplicateRequest" | "RequestNotRunning" | "InvalidSlotId"
>(
  {} as Slots.SlotError["_tag"]
)
declare const caught: unknown
if (Slots.isSlotError(caught)) expectType<Slots.SlotError>(caught)

// The replica runtime's error channels carry exactly those unions: the pure operation's errors, nothing wider.
declare const rt: Runtime.Replica.ReplicaRuntime
expectType<Effect.Effect<Runtime.Replica.ReplicaRuntime, Slots.InvalidCapacity, never>>(Runtime.Replica.make("r1", 2))
expectType<Effect.Effect<Runtime.Replica.Reservation, Slots.DuplicateSlotToken | Slots.InvalidSlotId, Scope.Scope>>(
  Runtime.Replica.reserve(rt, token)
)
expectType<Effect.Effect<boolean, never, never>>(Runtime.Replica.release(rt, token))
expectType<
  Effect.Effect<string | Runtime.Replica.Rejected, Boom | Slots.UnknownSlotToken | Slots.DuplicateRequest | Slots.InvalidSlotId, never>
>(
  Runtime.Replica.handle(rt, request, Effect.fail(new Boom()) as Effect.Effect<string, Boom>)
)
expectType<Effect.Effect<void, Slots.InvalidCapacity, never>>(Runtime.Replica.resize(rt, 3))
expectType<Effect.Effect<void, never, never>>(Runtime.Replica.quiesce(rt))
expectType<Effect.Effect<Slots.SlotState, never, never>>(Runtime.Replica.slotState(rt))

// One name, one thing: the slot state getter is `slotState`; `Runtime.snapshot` and the flat names are gone.
expectError(Runtime.snapshot)
expectError(Runtime.make)
expectError(Runtime.makeRouter)
