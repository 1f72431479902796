/** Every invariant of the package, in the order the docs list them. */
import { containerInvariants } from "./container.js"
import type { Invariant } from "./registry.js"

export const allInvariants: ReadonlyArray<Invariant<never>> = [...containerInvariants] as ReadonlyArray<
  Invariant<never>
>
