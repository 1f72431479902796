/** Type tests of the slot core, the selection typestate and the runtime. */
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
expectType<Effect.Effect<Selection.Dispatched<number>, Selection.AlreadyDispatched | Selection.ReplicaUnavailable, never>>(
  dispatched
)
declare const spent: Selection.DispatchedSelection
expectType<"dispatched">(spent.status)
expectError(spent.dispatch(request, Effect.succeed(1)))
expectNotAssignable<Selection.ReservedSelection>(spent)

// The work's own error type flows through dispatch.
class Boom {
  readonly _tag = "Boom"
}
expectType<Effect.Effect<Selection.Dispatched<never>, Boom | Selection.AlreadyDispatched | Selection.ReplicaUnavailable, never>>(
  reserved.dispatch(request, Effect.fail(new Boom()))
)

// chooseReplica needs a Scope: the reservation lives in it.
declare const router: Runtime.Router
expectType<Effect.Effect<Selection.ReservedSelection, Selection.NoReplicaAvailable, Scope.Scope>>(
  Runtime.chooseReplica(router)
)
