/**
 * The simulator's typed error.
 *
 * @since 0.1.0
 */
import { Data } from "effect"

/**
 * `simulate` was given options it cannot run: an unknown scenario or mode, a
 * seed that is not an integer, hours that are not a positive number. Names
 * the option and what is wrong with it.
 *
 * @example
 * import { Simulator } from "replicore"
 * try {
 *   Simulator.simulate({ scenario: "day", seed: 1, hours: -1 })
 * } catch (e) {
 *   e instanceof Simulator.InvalidSimulation // true
 * }
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidSimulation extends Data.TaggedError("InvalidSimulation")<{
  readonly option: string
  readonly problem: string
}> {
  override get message(): string {
    return `replicore/simulator.simulate: ${this.option}: ${this.problem}`
  }
}
