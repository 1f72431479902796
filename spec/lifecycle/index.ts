/**
 * The replica lifecycle's specification, in reading order: the `L*`
 * invariants (statement and predicate), the reference model they compare the
 * core with, and the world that drives the core in the checks.
 */
export * from "./invariants.js"
export * from "./model.js"
export * from "./harness.js"
export * from "./scope.js"
