/**
 * What one check of `verify` reports: the violated invariant, where, and why;
 * `verify` turns the first finding into its `PlanViolation`.
 */
import type { Option } from "effect"
import type { PlanViolation } from "../../verify.js"
import type { Trace } from "./trace.js"

/**
 * A violation as plain data: the fields of a `PlanViolation`.
 *
 * @category model
 */
export type Finding = ConstructorParameters<typeof PlanViolation>[0]

/**
 * One family of invariants: the first violation it finds in a trace, if any.
 *
 * @category model
 */
export type Check = (trace: Trace) => Option.Option<Finding>

/**
 * An id as it appears in a detail: quoted like JSON.
 *
 * @category formatting
 */
export const quote = (id: string): string => JSON.stringify(id)
