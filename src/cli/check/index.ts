/**
 * Every check of `replicore check`, core by core, fastest first.
 *
 * @since 0.1.0
 */
import type { Check } from "./Check.js"
import { compactionChecks } from "./compaction.js"
import { containerChecks } from "./container.js"
import { lifecycleChecks } from "./lifecycle.js"
import { slotChecks } from "./slots.js"

/**
 * The checks, in the order they run.
 *
 * @since 0.1.0
 */
export const allChecks: ReadonlyArray<Check> = [...containerChecks, ...slotChecks, ...compactionChecks, ...lifecycleChecks]
