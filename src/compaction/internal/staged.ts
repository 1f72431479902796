/**
 * A whole search in small steps: first the planner's dense view of the
 * snapshot, built a chunk of records per step (at 50,000 replicas the build
 * alone outlasts a short time budget), then the planner's machine, one step
 * at a time. Before the view is complete the best plan is the empty one.
 *
 * Mutable: `step()` advances it in place.
 */
import type { Plan } from "../Plan.js"
import type { PlanOptions, Snapshot } from "../Snapshot.js"
import { assemble } from "./assemble.js"
import { building, type Instance } from "./instance.js"
import { SearchMachine } from "./planner.js"
import { unsearchedPlan } from "./unsearched.js"

export class StagedSearch {
  private readonly view: Generator<void, Instance, void>
  private machine: SearchMachine | undefined

  constructor(readonly snapshot: Snapshot, readonly options: PlanOptions) {
    this.view = building(snapshot)
  }

  get done(): boolean {
    return this.machine?.done === true
  }

  /** A chunk of the view, or once it is built, one step of the planner. */
  step(): void {
    if (this.machine !== undefined) return this.machine.step()
    const next = this.view.next()
    if (next.done === true) this.machine = new SearchMachine(next.value, this.options)
  }

  /** The best safe plan so far. */
  plan(): Plan {
    const { machine } = this
    if (machine === undefined) return unsearchedPlan(this.snapshot)
    return assemble(this.snapshot, machine.instance, machine.outcome(), this.options, machine.done)
  }
}
