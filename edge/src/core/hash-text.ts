/**
 * A 64-bit content hash (two FNV-1a 32-bit lanes with different seeds) as 16 hex digits. Pure and synchronous, so
 * core code runs the same on Node and Workers; it detects changed content, it is not a security hash.
 * @example hashText('满49元包邮') -> 'c0b8...' (16 hex digits)
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
