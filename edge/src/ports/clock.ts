/** Time source, injected so rules and timings are testable. */
export interface Clock {
  /** Wall-clock time in ms since the epoch. */
  now(): number;
}
