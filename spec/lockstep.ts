/**
 * What the lockstep runners of every core share: answers as data (a value or
 * a refusal with an error tag), the model's way of refusing, and a readable
 * rendering of operations.
 */

/** An operation's answer: a value, or a refusal with an error tag. */
export type Outcome<V = unknown> =
  | { readonly ok: true; readonly value: V }
  | { readonly ok: false; readonly tag: string; readonly message: string }

/** Thrown by a reference model to refuse an operation with the error the core must throw. */
export class Refused extends Error {
  constructor(readonly tag: string) {
    super(tag)
  }
}

/** Runs a model step; a `Refused` becomes a refusal and leaves `unchanged` as the next state. */
export const modelAnswer = <V, S>(unchanged: S, step: () => readonly [V, S]): readonly [Outcome<V>, S] => {
  try {
    const [value, next] = step()
    return [{ ok: true, value }, next]
  } catch (e) {
    if (e instanceof Refused) return [{ ok: false, tag: e.tag, message: "" }, unchanged]
    throw e
  }
}

/** Runs a core step; any throw becomes a refusal with its `_tag` (or `"untyped"`) and message. */
export const coreAnswer = <V, S>(unchanged: S, step: () => readonly [V, S]): readonly [Outcome<V>, S] => {
  try {
    const [value, next] = step()
    return [{ ok: true, value }, next]
  } catch (e) {
    const tag = typeof (e as { _tag?: unknown })?._tag === "string" ? (e as { _tag: string })._tag : "untyped"
    return [{ ok: false, tag, message: e instanceof Error ? e.message : String(e) }, unchanged]
  }
}

/** `kind({...arguments})`, for counterexamples. */
export const showOperation = (op: { readonly kind: string }): string => {
  const { kind, ...args } = op
  return `${kind}(${JSON.stringify(args)})`
}
