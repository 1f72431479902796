/** Every invariant of the package, in the order the docs list them. */
import { compactionInvariants } from "./compaction.js"
import { containerInvariants } from "./container.js"
import { lifecycleInvariants } from "./lifecycle/index.js"
import type { Invariant } from "./registry.js"
import { slotInvariants } from "./slots.js"

export const allInvariants: ReadonlyArray<Invariant<never>> = [
  ...containerInvariants,
  ...slotInvariants,
  ...compactionInvariants,
  ...lifecycleInvariants
] as ReadonlyArray<Invariant<never>>
