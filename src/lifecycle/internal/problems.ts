/** Schema decoding errors as one problem per offending item. */
import { ParseResult } from "effect"
import type { InputProblem } from "../errors.js"

/** What an optional field's schema adds to each of its failures: noise once the real failure is listed. */
const OPTIONAL_NOISE = /^Expected undefined, actual /

/**
 * One problem per item, its messages joined: a union's alternatives are listed
 * together, and the "expected undefined" of optional fields is dropped.
 */
export const problemsOf = (error: ParseResult.ParseError, root: string): ReadonlyArray<InputProblem> => {
  const byItem = new Map<string, Array<string>>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const item = [root, ...issue.path.map(String)].filter((part) => part !== "").join(".") || "input"
    const messages = byItem.get(item) ?? []
    if (!messages.includes(issue.message)) messages.push(issue.message)
    byItem.set(item, messages)
  }
  const problems: Array<InputProblem> = []
  for (const [item, messages] of byItem) {
    const real = messages.filter((m) => !OPTIONAL_NOISE.test(m))
    if (real.length > 0) problems.push({ item, problem: real.join(" | ") })
    else if (![...byItem.keys()].some((other) => other.startsWith(`${item}.`))) {
      problems.push({ item, problem: messages.join(" | ") })
    }
  }
  return problems
}
