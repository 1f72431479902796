/**
 * The commands of `replicore`, by name, in the order `help` lists them.
 *
 * @since 0.1.0
 */
import type { Command } from "../command.js"
import { check } from "./check.js"
import { plan } from "./plan.js"
import { simulate } from "./simulate.js"
import { verify } from "./verify.js"

/**
 * Every command but `help`.
 *
 * @since 0.1.0
 */
export const commands: ReadonlyArray<Command> = [simulate, plan, verify, check]
