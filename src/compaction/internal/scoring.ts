/**
 * Destination preferences: among the nodes where a replica fits, the lower
 * score wins. The fit part is the room left after the replica, summed over
 * resources relative to the largest node (`Occupancy.score`; best fit: the
 * tightest node); a destination mode adds a preference that outweighs any fit.
 */

/**
 * How a drain picks the destination of a replica among the nodes where it
 * fits: `best-fit` alone; `anchored` first the nodes that stay anyway
 * (anchored or already receiving); `late` first the nodes that come last in
 * the release order, which are the likeliest to stay.
 */
export type DestinationMode = "best-fit" | "anchored" | "late"

/**
 * The preference part of a score. A fit part is a sum of shares, at most R
 * (the number of resources), so a step of R + 1 outweighs any fit.
 */
export const preference = (mode: DestinationMode, resources: number, stays: boolean, rank: number, nodes: number): number =>
  mode === "anchored"
    ? (stays ? -resources - 1 : 0)
    : mode === "late"
    ? -(resources + 1) * (stays ? nodes : rank)
    : 0
