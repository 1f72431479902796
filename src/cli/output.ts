/**
 * Where the commands write: results on stdout, problems and progress on
 * stderr. The progress bar is drawn only when stderr is a terminal, so a
 * piped or captured run gets no control characters.
 *
 * @since 0.1.0
 */

/**
 * Prints a result on stdout.
 *
 * @since 0.1.0
 */
export const print = (text: string): void => {
  process.stdout.write(text.endsWith("\n") ? text : `${text}\n`)
}

/**
 * Prints a problem or a note on stderr.
 *
 * @since 0.1.0
 */
export const printError = (text: string): void => {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`)
}

/** Characters of the bar itself. */
const BAR_WIDTH = 30
/** Redraws at most this often: a fast simulation reports progress far more often than a terminal needs. */
const REDRAW_EVERY_MS = 100

/**
 * A progress bar on stderr (`label [#####-----] 50 %`), or nothing at all
 * when stderr is not a terminal. `done` takes a fraction in `[0, 1]`;
 * `finish` clears the line.
 *
 * @since 0.1.0
 */
export const progressBar = (label: string): { readonly update: (done: number) => void; readonly finish: () => void } => {
  if (process.stderr.isTTY !== true) return { update: () => {}, finish: () => {} }
  let last = 0
  const draw = (done: number) => {
    const fraction = Math.min(1, Math.max(0, done))
    const filled = Math.round(fraction * BAR_WIDTH)
    process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${Math.round(fraction * 100)} %`)
  }
  return {
    update: (done) => {
      const now = Date.now()
      if (now - last < REDRAW_EVERY_MS && done < 1) return
      last = now
      draw(done)
    },
    finish: () => process.stderr.write("\r\u001b[2K")
  }
}
