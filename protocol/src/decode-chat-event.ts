import { type ChatEvent, isChatEventName } from './chat-events.ts';
import type { SseMessage } from './create-sse-parser.ts';

/**
 * Interprets one SSE message as a chat event. Returns undefined for event names this client does not know (a newer
 * edge may add events; old widgets ignore them) and throws on a known event whose data is not JSON.
 */
export function decodeChatEvent(message: SseMessage): ChatEvent | undefined {
  if (!isChatEventName(message.event)) return undefined;
  return { type: message.event, data: JSON.parse(message.data) } as ChatEvent;
}
