/**
 * What the lockstep runners of every core share: answers as data (a value or
 * a refusal with an error tag), the reference models' operations as guarded
 * actions, and a readable rendering of operations.
 */

/** An operation's answer: a value, or a refusal with an error tag. */
export type Outcome<V = unknown> =
  | { readonly ok: true; readonly value: V }
  | { readonly ok: false; readonly tag: string; readonly message: string }

/**
 * One operation of a reference model: a guard that names the error the
 * operation must be refused with (or nothing, when it may run), and its
 * effect, the answer and the next model, for an operation the guard lets through.
 */
export interface GuardedAction<M, Op, V, In = void> {
  readonly refusal: (model: M, op: Op) => string | undefined
  readonly effect: (model: M, op: Op, input: In) => readonly [V, M]
}

/** Runs a guarded action: a refusal leaves the model as it was. */
export const runGuarded = <M, Op, V, In>(
  action: GuardedAction<M, Op, V, In>,
  model: M,
  op: Op,
  input: In
): readonly [Outcome<V>, M] => {
  const tag = action.refusal(model, op)
  if (tag !== undefined) return [{ ok: false, tag, message: "" }, model]
  const [value, next] = action.effect(model, op, input)
  return [{ ok: true, value }, next]
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

/**
 * Whether an error message names one of the arguments of the operation that
 * was refused: some argument value (strings JSON-quoted, numbers as written
 * by `String` or `JSON.stringify`) appears in it.
 */
export const namesAnArgument = (message: string, op: { readonly kind: string }): boolean => {
  const { kind: _kind, ...args } = op
  return leaves(args).some((value) =>
    typeof value === "string"
      ? message.includes(JSON.stringify(value))
      : typeof value === "number" && (message.includes(String(value)) || message.includes(JSON.stringify(value)))
  )
}

const leaves = (value: unknown): ReadonlyArray<unknown> =>
  typeof value === "object" && value !== null ? Object.values(value).flatMap(leaves) : [value]
