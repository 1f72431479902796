/**
 * The replica container's specification, in reading order: the `C*`
 * invariants (statement and predicate), the reference model (one guarded
 * action per operation), and the harness that runs core and model in lockstep.
 */
export * from "./container/invariants.js"
export * from "./container/model.js"
export * from "./container/harness.js"
export * from "./container/scope.js"
