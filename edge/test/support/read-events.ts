import { type ChatEvent, createSseParser, decodeChatEvent } from '@xiaoer/protocol';

/**
 * Reads an SSE response into chat events with their ids, through the protocol's own decoder. With `limit`, it stops
 * after that many events and cancels the body, like a dropped connection.
 */
export async function readEvents(
  res: Response,
  limit = Number.POSITIVE_INFINITY,
): Promise<(ChatEvent & { id: string | undefined })[]> {
  const events: (ChatEvent & { id: string | undefined })[] = [];
  const parser = createSseParser((m) => {
    const e = decodeChatEvent(m);
    if (e) events.push({ ...e, id: m.id });
  });
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  while (events.length < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  await reader.cancel();
  return events.slice(0, limit);
}

export function textOf(events: ChatEvent[]): string {
  return events.map((e) => (e.type === 'text-delta' ? e.data.delta : '')).join('');
}

export function chatRequest(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
