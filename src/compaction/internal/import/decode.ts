/**
 * What both dump readers share: decoding one part of a dump with a schema
 * into located problems (paths from the dump's root), and naming those
 * paths for a reader with the name of every listed item on them
 * (`items[4] ("default/web-7d9f-x2").spec.containers[0].resources.requests.cpu`).
 */
import { Either, Schema } from "effect"
import type { InputProblem } from "../../errors.js"
import { type Located, locate, show } from "../problems.js"

const isPrefix = (a: ReadonlyArray<PropertyKey>, b: ReadonlyArray<PropertyKey>): boolean =>
  a.length < b.length && a.every((key, i) => key === b[i])

/**
 * Decodes `value`, found at `at` in the dump: unknown keys are ignored (real
 * dumps carry many; effect's default), every problem is reported where it is. A problem at a
 * field that has a problem inside it is left out: the inner one names what
 * is wrong (a nullable field's `null` alternative says nothing about a value
 * that is there).
 */
export const decodeAt = <A, I>(schema: Schema.Schema<A, I>, value: unknown, at: ReadonlyArray<PropertyKey>) => {
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all" })(value)
  return Either.mapLeft(decoded, (error): ReadonlyArray<Located> => {
    const found = locate(error)
    return found
      .filter((p) => !found.some((q) => isPrefix(p.path, q.path)))
      .map((p) => ({ path: [...at, ...p.path], problem: p.problem }))
  })
}

const own = (value: unknown, key: PropertyKey): unknown =>
  typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined

/** A field read along a path of keys, when every step is there. */
export const at = (value: unknown, ...path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce((v, key) => own(v, key), value)

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * A path as a reader names it. `nameOf(list, item)` names an item of the
 * list under the key `list` (`""` for a list at the root), or answers
 * `undefined` to leave it unnamed.
 */
export const pathName = (
  root: unknown,
  path: ReadonlyArray<PropertyKey>,
  nameOf: (list: string, item: unknown) => string | undefined,
  rootName: string
): string => {
  let text = ""
  let value = root
  let list = ""
  for (const key of path) {
    value = own(value, key)
    if (typeof key === "number") {
      text += `[${key}]`
      const name = nameOf(list, value)
      if (name !== undefined) text += ` (${show(name)})`
    } else {
      const name = String(key)
      text += IDENTIFIER.test(name) ? `${text === "" ? "" : "."}${name}` : `[${JSON.stringify(name)}]`
      list = name
    }
  }
  return text === "" ? rootName : text
}

/** Located problems as the `{ item, problem }` lines of an error. */
export const nameAll = (
  root: unknown,
  problems: ReadonlyArray<Located>,
  nameOf: (list: string, item: unknown) => string | undefined,
  rootName: string
): Array<InputProblem> => problems.map((p) => ({ item: pathName(root, p.path, nameOf, rootName), problem: p.problem }))
