/**
 * One tick's controller work after its events, in Ray's order
 * (`DeploymentStateManager.update`): compaction bookkeeping, statuses, a new
 * compaction, migrations, the rolling update, the migration trim, scaling,
 * placement, downscale, releases. Passes
 * repeat until one changes nothing, so that what follows without time passing
 * happens in the same tick and the next tick at the same `now` has nothing to do.
 */
import { maybeStart, migratingNodes, plannedSources, releaseEmptied, update } from "./compaction.js"
import type { Draft } from "./draft.js"
import { migrate, replicasOn, trim } from "./draining.js"
import { type Downscale, downscale, rollOut, scale } from "./scaling.js"
import { place, type Request } from "./scheduling.js"
import { updateQuiet, updateStatus } from "./status.js"

/**
 * A bound on the passes of one tick. Each pass after the first only follows up
 * on the one before (a cancelled compaction's trim, a wave that ended), so a
 * tick settles in a handful; the bound only keeps a defect from looping forever.
 */
const MAX_PASSES = 64

const EMPTY: ReadonlyArray<string> = []

/**
 * Whether deployment `d` may have work this pass: everything must be looked
 * at (the draining map, the nodes or the compaction changed, or the state
 * was never settled), or the previous pass (the events, for the first) wrote
 * it, or it has replicas on a migrating node (whose deadlines move with
 * time). Any other deployment is as it was when last looked at: settled.
 */
const mayHaveWork = (
  draft: Draft,
  d: number,
  dirty: ReadonlySet<number>,
  onNodes: ReadonlyMap<number, ReadonlyArray<string>>
): boolean => draft.global || !draft.base.settled || dirty.has(d) || onNodes.has(d)

const pass = (draft: Draft): void => {
  const dirty = draft.written
  draft.written = new Set()
  update(draft)
  for (let d = 0; d < draft.deployments.length; d++) {
    if (draft.global || !draft.base.settled || dirty.has(d)) updateStatus(draft, d)
  }
  maybeStart(draft)
  const migrating = migratingNodes(draft)
  const sources = plannedSources(draft)
  const onNodes = replicasOn(draft, migrating)
  const requests: Array<Request> = []
  const downscales: Array<Downscale> = []
  for (let d = 0; d < draft.deployments.length; d++) {
    if (!mayHaveWork(draft, d, dirty, onNodes)) continue
    migrate(draft, d, migrating, onNodes.get(d) ?? EMPTY, sources)
    rollOut(draft, d)
    trim(draft, d, migrating)
    scale(draft, d, requests, downscales)
  }
  place(draft, requests)
  for (const request of downscales) downscale(draft, request)
  releaseEmptied(draft)
  updateQuiet(draft)
}

/** Runs passes until one changes nothing. */
export const settle = (draft: Draft): void => {
  for (let n = 0; n < MAX_PASSES; n++) {
    draft.changed = false
    pass(draft)
    if (!draft.changed) return
  }
}
