import type { ChatEvent } from './chat-events.ts';

/**
 * Encodes one event as one SSE frame: `event:`, `data:` (compact JSON, raw UTF-8) and `id:` lines, then a blank line.
 * JSON never contains a raw newline, so the data always fits one line.
 * @example encodeEvent({ type: 'text-delta', data: { delta: '好' } }, 3) === 'event: text-delta\ndata: {"delta":"好"}\nid: 3\n\n'
 */
export function encodeEvent(event: ChatEvent, id: number): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\nid: ${id}\n\n`;
}
