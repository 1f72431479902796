/**
 * `replicore plan --from kubernetes|ray FILE…`: reading a cluster's own dumps
 * into a snapshot with `Compaction.fromKubernetes` or `Compaction.fromRay`.
 * Kubernetes files are told apart by their content (a `List` of disruption
 * budgets, or of nodes and pods); a problem of the conversion is reported
 * under the file it is in, with its path in that file.
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Compaction } from "../../index.js"
import { type CliError, InputError, UsageError } from "../errors.js"
import { displayName, readJson } from "../input.js"

/**
 * The dump formats `--from` reads.
 *
 * @since 0.1.0
 */
export const SOURCES = ["kubernetes", "ray"] as const

/**
 * A converted dump: the snapshot, the notes, and the file that names it in messages.
 *
 * @since 0.1.0
 */
export interface FromDump {
  readonly snapshot: Compaction.Snapshot
  readonly notes: ReadonlyArray<Compaction.ImportNote>
  readonly file: string
}

const COMMAND = "plan"

/** The problem lines printed under a file's line. */
const MAX_PROBLEM_LINES = 10

const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined

/** Whether a kubectl `List` holds disruption budgets (`kubectl get pdb -A -o json`). */
const isBudgetList = (json: unknown): boolean => {
  const items = field(json, "items")
  return field(json, "kind") === "PodDisruptionBudgetList" ||
    (Array.isArray(items) && items.length > 0 && items.every((i) => field(i, "kind") === "PodDisruptionBudget"))
}

/** Where a problem of the conversion is: the file (by its key in the dump) and the path inside it. */
interface Placed {
  readonly key: string
  readonly line: string
}

/**
 * The conversion's refusal as the error of the first file with problems: its
 * lines (paths inside that file), and a count of the problems in other files.
 */
const refusal = (
  error: Compaction.InvalidDump,
  place: (item: string) => { readonly key: string; readonly item: string },
  files: ReadonlyMap<string, { readonly path: string; readonly what: string }>
): InputError => {
  const placed: Array<Placed> = error.problems.map((p) => {
    const at = place(p.item)
    return { key: at.key, line: `${at.item}: ${p.problem}` }
  })
  const first = placed[0]?.key ?? ""
  const own = placed.filter((p) => p.key === first).map((p) => p.line)
  const elsewhere = placed.length - own.length
  const file = files.get(first) ?? { path: "-", what: "a usable dump" }
  return new InputError({
    command: COMMAND,
    file: displayName(file.path),
    problem: `is not ${file.what} (${count(own.length, "problem")})`,
    details: [
      ...own.slice(0, MAX_PROBLEM_LINES),
      ...(own.length > MAX_PROBLEM_LINES ? [`… and ${own.length - MAX_PROBLEM_LINES} more`] : []),
      ...(elsewhere > 0 ? [`… and ${count(elsewhere, "problem")} in the other files`] : [])
    ]
  })
}

const readAll = async (paths: ReadonlyArray<string>): Promise<Either.Either<Array<unknown>, InputError>> => {
  const out: Array<unknown> = []
  for (const path of paths) {
    const json = await readJson(COMMAND, path)
    if (Either.isLeft(json)) return Either.left(json.left)
    out.push(json.right)
  }
  return Either.right(out)
}

const converted = (file: string, imported: Compaction.Imported): FromDump => ({ ...imported, file })

const fromKubernetes = async (paths: ReadonlyArray<string>, pricesPath: string | undefined): Promise<Either.Either<FromDump, CliError>> => {
  if (paths.length === 0) return Either.left(new UsageError({ command: COMMAND, problem: "missing DUMP (the output of kubectl get nodes,pods -A -o json)" }))
  const read = await readAll(pricesPath === undefined ? paths : [...paths, pricesPath])
  if (Either.isLeft(read)) return Either.left(read.left)
  const jsons = read.right.slice(0, paths.length)
  const budgets = paths.filter((_, i) => isBudgetList(jsons[i]))
  if (budgets.length > 1) {
    return Either.left(new UsageError({ command: COMMAND, problem: `more than one disruption budget list (${budgets.join(", ")}): give one` }))
  }
  const listPaths = paths.filter((_, i) => !isBudgetList(jsons[i]))
  const lists = jsons.filter((j) => !isBudgetList(j))
  if (lists.length === 0) return Either.left(new UsageError({ command: COMMAND, problem: "missing DUMP: every file given is a disruption budget list" }))
  const budget = jsons.find(isBudgetList)
  const files = new Map<string, { path: string; what: string }>([
    ...listPaths.map((path, i) => [`lists[${i}]`, { path, what: "a usable Kubernetes dump" }] as const),
    ...(budgets[0] === undefined ? [] : [["pdbs", { path: budgets[0], what: "a usable disruption budget list" }] as const]),
    ...(pricesPath === undefined ? [] : [["prices", { path: pricesPath, what: "a usable price file" }] as const])
  ])
  const place = (item: string) => {
    const match = /^(lists\[\d+\]|pdbs|prices)(?:\.|(?=\[)|$)(.*)$/.exec(item)
    return match === null ? { key: "lists[0]", item } : { key: match[1] ?? "", item: match[2] === "" ? "the file" : match[2] ?? item }
  }
  const result = Compaction.fromKubernetes({
    lists,
    ...(budget === undefined ? {} : { pdbs: budget }),
    ...(pricesPath === undefined ? {} : { prices: read.right[paths.length] })
  })
  return Either.isLeft(result)
    ? Either.left(refusal(result.left, place, files))
    : Either.right(converted(displayName(listPaths[0] ?? "-"), result.right))
}

const firstItemHas = (json: unknown, key: string): boolean =>
  Array.isArray(json) && json.length > 0 && typeof json[0] === "object" && json[0] !== null && Object.hasOwn(json[0], key)

const fromRay = async (paths: ReadonlyArray<string>): Promise<Either.Either<FromDump, CliError>> => {
  if (paths.length < 2) {
    const missing = ["NODES (ray list nodes --detail --format json)", "ACTORS (ray list actors --detail --format json)"].slice(paths.length)
    return Either.left(new UsageError({ command: COMMAND, problem: `missing ${missing.join(" and ")}` }))
  }
  if (paths.length > 2) {
    const extra = paths.slice(2).map((a) => JSON.stringify(a)).join(" ")
    return Either.left(new UsageError({ command: COMMAND, problem: `unexpected argument${paths.length > 3 ? "s" : ""} ${extra}` }))
  }
  const [nodesPath = "-", actorsPath = "-"] = paths
  const read = await readAll(paths)
  if (Either.isLeft(read)) return Either.left(read.left)
  const [nodes, actors] = read.right
  if (firstItemHas(nodes, "actor_id") && firstItemHas(actors, "resources_total")) {
    return Either.left(new InputError({
      command: COMMAND,
      file: displayName(nodesPath),
      problem: `is a list of actors and ${displayName(actorsPath)} a list of nodes: the arguments are swapped (replicore plan --from ray NODES ACTORS)`
    }))
  }
  const files = new Map([
    ["nodes", { path: nodesPath, what: "a usable list of Ray nodes" }],
    ["actors", { path: actorsPath, what: "a usable list of Ray actors" }]
  ])
  const place = (item: string) => ({ key: item.startsWith("actors") ? "actors" : "nodes", item })
  const result = Compaction.fromRay({ nodes, actors })
  return Either.isLeft(result)
    ? Either.left(refusal(result.left, place, files))
    : Either.right(converted(displayName(nodesPath), result.right))
}

/**
 * Reads the files of `plan --from SOURCE` into a snapshot; `--prices` is
 * read for Kubernetes only.
 *
 * @since 0.1.0
 */
export const readDump = async (
  from: string,
  paths: ReadonlyArray<string>,
  pricesPath: string | undefined
): Promise<Either.Either<FromDump, CliError>> => {
  if (from === "kubernetes") return fromKubernetes(paths, pricesPath)
  if (from !== "ray") {
    return Either.left(new UsageError({ command: COMMAND, problem: `--from must be ${SOURCES.join(" or ")}, got ${JSON.stringify(from)}` }))
  }
  if (pricesPath !== undefined) return Either.left(new UsageError({ command: COMMAND, problem: "--prices is read with --from kubernetes only" }))
  return fromRay(paths)
}

/**
 * The notes under a plan: how many items of the dump the snapshot does not
 * take as they are, then one line each.
 *
 * @since 0.1.0
 */
export const describeNotes = (dump: FromDump): string => {
  const s = dump.snapshot
  const head = `from the dump: ${count(s.nodes.length, "node")}, ${count(s.replicas.length, "replica")} of ${count(s.deployments.length, "deployment")}; ` +
    (dump.notes.length === 0 ? "nothing left out or pinned" : `${count(dump.notes.length, "item")} left out, pinned or restricted:`)
  return [head, ...dump.notes.map((n) => `  ${Compaction.describeNote(n)}`)].join("\n")
}
