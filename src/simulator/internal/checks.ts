/**
 * Live invariant checks: after a tick, the spec's lifecycle invariants (`L1`–`L6`,
 * from `spec/lifecycle`) on the observation they read (the state before and
 * after, the events and actions, the ledger before and after, a second tick
 * at the same `now`), and the container invariants that read only the core
 * (`C1` one state per replica, `C2` size accounting) on every deployment's
 * container. Every failing evaluation counts one violation.
 */
import { Lifecycle } from "../../index.js"
import { containerInvariants, type ContainerObservation } from "../../../spec/container.js"
import { lifecycleInvariants, type LifecycleObservation } from "../../../spec/lifecycle/index.js"
import {
  applyActions,
  applyEvents,
  type LifecycleAction,
  type LifecycleEvent,
  type LifecycleModel
} from "../../../spec/lifecycle/model.js"

/**
 * The container invariants that read only the core, not a reference model;
 * looked up on first use, because the spec imports the package that imports
 * this module (at load time the spec's lists may not be there yet).
 */
let coreOnly: typeof containerInvariants | undefined
const coreOnlyContainer = (): typeof containerInvariants =>
  (coreOnly ??= containerInvariants.filter((i) => i.id === "C1" || i.id === "C2"))

/** One tick, as the checks read it. */
export interface Tick {
  readonly before: Lifecycle.LifecycleState
  readonly now: number
  readonly events: ReadonlyArray<LifecycleEvent>
  readonly after: Lifecycle.LifecycleState
  readonly actions: ReadonlyArray<LifecycleAction>
  readonly modelBefore: LifecycleModel
}

/** Evaluates the invariants on one tick; answers the ids that failed (one entry per failure). */
export const check = (tick: Tick, graceMs: number, deployments: ReadonlyArray<string>): Array<string> => {
  const repeat = Lifecycle.tick(tick.after, { now: tick.now, events: [] })
  const observation: LifecycleObservation = {
    graceMs,
    before: tick.before,
    now: tick.now,
    events: tick.events,
    after: tick.after,
    actions: tick.actions,
    modelBefore: tick.modelBefore,
    modelAfter: applyActions(applyEvents(tick.modelBefore, tick.now, tick.events), tick.actions),
    repeat: { state: repeat.state, actions: repeat.actions as ReadonlyArray<LifecycleAction> },
    settled: false
  }
  const failed: Array<string> = []
  for (const invariant of lifecycleInvariants) if (!invariant.holds(observation)) failed.push(invariant.id)
  for (const d of deployments) {
    const core = { core: Lifecycle.replicas(tick.after, d) } as unknown as ContainerObservation
    for (const invariant of coreOnlyContainer()) if (!invariant.holds(core)) failed.push(invariant.id)
  }
  return failed
}
