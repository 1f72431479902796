/**
 * The exit codes of every command.
 *
 * @since 0.1.0
 */

/** Success: the plan was made or holds, every check passed. */
export const SUCCESS = 0
/** The answer is "no": a plan that violates an invariant, a check that fails, a simulation with violations. */
export const FAILED = 1
/** Bad usage or bad input: nothing was computed. */
export const BAD_INPUT = 2
