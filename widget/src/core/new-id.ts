/** A client-chosen id matching the protocol's `[A-Za-z0-9_-]` rule, e.g. `m_lq2x9a_3f9k2c8d`. */
export function newId(prefix: string): string {
  const rand = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}_${Date.now().toString(36)}_${rand[0]!.toString(36)}${rand[1]!.toString(36)}`;
}
