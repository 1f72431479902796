/**
 * Deployment status (Ray's `check_curr_status`) and the quiet times the
 * compaction delay counts from: the whole cluster's (`"ray"`) and each
 * deployment's (`"planner"`).
 */
import * as Container from "../../container/index.js"
import type { DeploymentStatus } from "../State.js"
import type { Draft } from "./draft.js"
import type { DeploymentEntry } from "./state.js"

/** HEALTHY when nothing starts or stops and exactly the target runs the target version. */
const isHealthy = (dep: DeploymentEntry): boolean => {
  const counts = Container.countByState(dep.replicas)
  if (counts.STARTING + counts.UPDATING + counts.RECOVERING + counts.STOPPING > 0) return false
  if (counts.RUNNING !== dep.target) return false
  return dep.outdated === 0 ||
    Container.count(dep.replicas, { states: ["RUNNING"], version: dep.version }) === dep.target
}

/** The status a deployment has now: HEALTHY when healthy, else UNHEALTHY stays, anything else is UPDATING. */
export const statusOf = (dep: DeploymentEntry): DeploymentStatus =>
  isHealthy(dep) ? "HEALTHY" : dep.status === "UNHEALTHY" ? "UNHEALTHY" : "UPDATING"

/** Recomputes deployment `d`'s status, and since when it has been steady (HEALTHY with exactly `target` replicas). */
export const updateStatus = (draft: Draft, d: number): void => {
  const dep = draft.deployment(d)
  const status = statusOf(dep)
  const steady = status === "HEALTHY" && Container.size(dep.replicas) === dep.target
  const steadySince = steady ? dep.steadySince ?? draft.now : null
  if (status !== dep.status || steadySince !== dep.steadySince) draft.setDeployment(d, { ...dep, status, steadySince })
}

/** Whether deployment `dep` has been steady for the compaction delay at `now`. */
export const isSettled = (dep: DeploymentEntry, now: number, delayMs: number): boolean =>
  dep.steadySince !== null && now >= dep.steadySince + delayMs

/** Records when every deployment became HEALTHY with no node draining, or forgets it. */
export const updateQuiet = (draft: Draft): void => {
  const quiet = draft.draining.size === 0 && draft.deployments.every((dep) => dep.status === "HEALTHY")
  if (quiet && draft.quietSince === null) draft.setQuietSince(draft.now)
  else if (!quiet && draft.quietSince !== null) draft.setQuietSince(null)
}
