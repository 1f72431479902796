/**
 * Decoding problems as readable lines: where (a path into the input, with the
 * id of every listed item on it) and what is wrong, in words. The schema's
 * own messages are never shown: they describe the schema, not the input.
 */
import { Array as Arr, Option, type ParseResult, SchemaAST as AST } from "effect"
import type { InputProblem } from "../errors.js"

/** A problem at a path into the input. */
export interface Located {
  readonly path: ReadonlyArray<PropertyKey>
  readonly problem: string
}

/** The characters of a string value quoted in a message: enough to recognise it, short enough for one line. */
const MAX_SHOWN = 40

/** A value as a message shows it: numbers and short strings as written, containers by kind. */
export const show = (value: unknown): string => {
  if (typeof value === "string") {
    return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value)
  }
  if (Array.isArray(value)) return "a list"
  if (value === null) return "null"
  if (typeof value === "object") return "an object"
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value)
  return typeof value
}

/** What a schema expects, in words: its description, or its alternatives joined ("nodes" or "cost"). */
const expectation = (ast: AST.AST): string | undefined => {
  const own = AST.getDescriptionAnnotation(ast)
  if (Option.isSome(own)) return own.value
  if (AST.isLiteral(ast)) return JSON.stringify(ast.literal)
  if (AST.isUnion(ast)) {
    const parts = ast.types.filter((t) => !AST.isUndefinedKeyword(t)).map(expectation)
    return parts.every((p) => p !== undefined) ? parts.join(" or ") : undefined
  }
  return undefined
}

/** Edit distance, case ignored: how far a written key is from a known one. */
const distance = (a: string, b: string): number => {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const row = [i]
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    previous = row
  }
  return previous[y.length] ?? 0
}

/** Up to one edit per this many characters of the written key still counts as a likely misspelling. */
const CHARACTERS_PER_EDIT = 3

/** The known key a misspelt one most likely meant, if one is close: the closest, the first declared of equally close ones. */
const likelyMeant = (key: string, known: ReadonlyArray<string>): string | undefined => {
  const allowed = Math.max(1, Math.floor(key.length / CHARACTERS_PER_EDIT))
  let best: string | undefined
  let bestDistance = allowed + 1
  for (const candidate of known) {
    const d = distance(key, candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

const unknownKey = (key: PropertyKey, container: AST.AST | undefined): string => {
  if (container === undefined || !AST.isTypeLiteral(container) || container.propertySignatures.length === 0) {
    return `${show(String(key))} is not allowed as a name`
  }
  const known = container.propertySignatures.map((p) => String(p.name))
  const meant = likelyMeant(String(key), known)
  return meant === undefined
    ? `unknown key (known keys: ${known.join(", ")})`
    : `unknown key (did you mean ${JSON.stringify(meant)}?)`
}

interface At {
  readonly path: ReadonlyArray<PropertyKey>
  /** What the value at `path` must be, in words, once known. */
  readonly expected: string | undefined
  /** The struct, record or list schema whose issues are being read. */
  readonly container: AST.AST | undefined
}

const mustBe = (at: At, ast: AST.AST, actual: unknown): Located => ({
  path: at.path,
  problem: `must be ${at.expected ?? expectation(ast) ?? "something else"}, got ${show(actual)}`
})

/** A plain mismatch: the value is none of the alternatives (and carries no message of its own). */
const isMismatch = (issue: ParseResult.ParseIssue): boolean => issue._tag === "Type" && issue.message === undefined

const walk = (issue: ParseResult.ParseIssue, at: At, out: Array<Located>): void => {
  switch (issue._tag) {
    case "Pointer": {
      const keys = Arr.ensure(issue.path)
      const path = [...at.path, ...keys]
      const key = keys[keys.length - 1] ?? ""
      if (issue.issue._tag === "Unexpected") {
        out.push({ path, problem: unknownKey(key, at.container) })
        return
      }
      // The issue under a pointer carries the field's own schema: what is expected is read from it.
      walk(issue.issue, { path, expected: undefined, container: undefined }, out)
      return
    }
    case "Composite": {
      if (AST.isUnion(issue.ast)) {
        const arms = Arr.ensure(issue.issues)
        if (arms.every(isMismatch)) out.push(mustBe(at, issue.ast, issue.actual))
        else for (const arm of arms) walk(arm, at, out)
        return
      }
      const inner = { ...at, container: issue.ast }
      for (const sub of Arr.ensure(issue.issues)) walk(sub, inner, out)
      return
    }
    case "Refinement":
    case "Transformation":
      walk(issue.issue, { ...at, expected: at.expected ?? expectation(issue.ast) }, out)
      return
    case "Type":
      // The `undefined` arm of an optional field says nothing about the value that is there.
      if (issue.message !== undefined) out.push({ path: at.path, problem: issue.message })
      else if (!AST.isUndefinedKeyword(issue.ast)) out.push(mustBe(at, issue.ast, issue.actual))
      return
    case "Missing":
      // A missing field comes right under its pointer: what it must be is read from its own schema.
      out.push({ path: at.path, problem: `missing (expected ${expectation(issue.ast.type) ?? "a value"})` })
      return
    case "Unexpected":
      out.push({ path: at.path, problem: "unexpected" })
      return
    case "Forbidden":
      out.push({ path: at.path, problem: "could not be checked" })
  }
}

/** Every problem of a failed decoding, each where it is. */
export const locate = (error: ParseResult.ParseError): Array<Located> => {
  const out: Array<Located> = []
  walk(error.issue, { path: [], expected: undefined, container: undefined }, out)
  return out
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

const own = (value: unknown, key: PropertyKey): unknown =>
  typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<PropertyKey, unknown>)[key]
    : undefined

/**
 * A path as a reader names the item: `nodes[0] ("head").capacity.CPU`. An
 * item of a list is followed by its id, read from the field `labels` names
 * for that list (`{ nodes: "id", steps: "replica" }`), when that is a string.
 */
export const itemName = (
  input: unknown,
  path: ReadonlyArray<PropertyKey>,
  labels: Readonly<Record<string, string>>,
  root: string
): string => {
  let text = ""
  let at = input
  /** The field naming the items of the list just entered, if it is a labelled list. */
  let label: string | undefined
  for (const key of path) {
    at = own(at, key)
    if (typeof key === "number") {
      text += `[${key}]`
      const id = label === undefined ? undefined : own(at, label)
      if (typeof id === "string") text += ` (${show(id)})`
    } else {
      const name = String(key)
      text += IDENTIFIER.test(name) ? `${text === "" ? "" : "."}${name}` : `[${JSON.stringify(name)}]`
      label = labels[name]
    }
  }
  return text === "" ? root : text
}

/** Located problems as the `{ item, problem }` lines of an error. */
export const named = (
  input: unknown,
  problems: ReadonlyArray<Located>,
  labels: Readonly<Record<string, string>>,
  root: string
): Array<InputProblem> => problems.map((p) => ({ item: itemName(input, p.path, labels, root), problem: p.problem }))
