/**
 * The slot reservation core's specification, in reading order: the `S*`
 * invariants (statement and predicate), the reference model (one guarded
 * action per operation), and the harness that runs core, model and the
 * ledger of the core's answers in lockstep.
 */
export * from "./slots/invariants.js"
export * from "./slots/model.js"
export * from "./slots/harness.js"
export * from "./slots/scope.js"
