/**
 * What both dump readers share once a dump is read: replicas grouped into
 * deployments, notes merged per item, and the snapshot validated by the
 * package's own `validate`.
 */
import { Either } from "effect"
import { InvalidDump } from "../../errors.js"
import type { ImportNote, Imported, Treatment } from "../../Imported.js"
import { type Node, type SnapshotInput, validate } from "../../Snapshot.js"
import { type Amounts, nonZero } from "./resources.js"

/** A replica as read from a dump, before grouping: its group (owner, deployment) and its own demand. */
export interface Member {
  readonly id: string
  readonly node: string
  readonly group: string
  readonly demand: Amounts
  readonly movable: boolean
}

/** A demand as a string, the same for the same amounts in any key order (its resources listed in sorted order). */
const demandKey = (demand: Amounts): string => {
  const needed = nonZero(demand)
  return JSON.stringify(needed, Object.keys(needed).sort())
}

/**
 * Deployments from replicas: one per group, in order of first appearance.
 * A snapshot's deployment has one demand, so a group whose members request
 * different amounts (a rollout that changed requests, a vertical autoscaler)
 * becomes one deployment per demand: `group`, then `group~2`, `group~3`, ….
 * `maxSurgeOf` answers a group's `maxSurge` (absent: the snapshot's default).
 */
export const group = (
  members: ReadonlyArray<Member>,
  maxSurgeOf: (group: string) => number | undefined
): Pick<SnapshotInput, "deployments" | "replicas"> => {
  const idOf = new Map<string, string>()
  const variants = new Map<string, number>()
  const deployments: Array<SnapshotInput["deployments"][number]> = []
  const replicas = members.map((m) => {
    const key = `${m.group}\u0000${demandKey(m.demand)}`
    let id = idOf.get(key)
    if (id === undefined) {
      const n = (variants.get(m.group) ?? 0) + 1
      variants.set(m.group, n)
      id = n === 1 ? m.group : `${m.group}~${n}`
      idOf.set(key, id)
      const maxSurge = maxSurgeOf(m.group)
      deployments.push({ id, demand: nonZero(m.demand), ...(maxSurge === undefined ? {} : { maxSurge }) })
    }
    return { id: m.id, deployment: id, node: m.node, ...(m.movable ? {} : { movable: false }) }
  })
  return { deployments, replicas }
}

/** Notes as they are found, merged so that an item has one note per treatment with every reason. */
export class Notes {
  private readonly notes = new Map<string, { kind: ImportNote["kind"]; id: string; treatment: Treatment; reasons: Array<string> }>()

  add(kind: ImportNote["kind"], id: string, treatment: Treatment, reason: string): void {
    const key = `${kind}\u0000${id}\u0000${treatment}`
    const note = this.notes.get(key)
    if (note === undefined) this.notes.set(key, { kind, id, treatment, reasons: [reason] })
    else if (!note.reasons.includes(reason)) note.reasons.push(reason)
  }

  list(): ReadonlyArray<ImportNote> {
    return [...this.notes.values()].map(({ reasons, ...note }) => ({ ...note, reason: reasons.join("; ") }))
  }
}

/**
 * Validates the assembled snapshot. The readers build only what `validate`
 * accepts, so a refusal here is a dump the readers did not foresee: it is
 * reported, problem by problem, as a problem of the converted snapshot.
 */
export const finish = (
  source: InvalidDump["source"],
  nodes: ReadonlyArray<Node | SnapshotInput["nodes"][number]>,
  grouped: Pick<SnapshotInput, "deployments" | "replicas">,
  options: SnapshotInput["options"] | undefined,
  notes: Notes
): Either.Either<Imported, InvalidDump> =>
  Either.match(validate({ nodes, ...grouped, ...(options === undefined ? {} : { options }) }), {
    onLeft: (error) =>
      Either.left(new InvalidDump({
        source,
        problems: error.problems.map((p) => ({ item: `converted snapshot: ${p.item}`, problem: p.problem }))
      })),
    onRight: (snapshot) => Either.right({ snapshot, notes: notes.list() })
  })
