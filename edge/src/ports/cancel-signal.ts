/**
 * The part of AbortSignal that core code uses. Declared structurally because core/ and ports/ compile without DOM or
 * Node types; a platform AbortSignal satisfies it.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
