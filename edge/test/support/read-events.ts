import { type ChatEvent, createSseParser, decodeChatEvent } from '@xiaoer/protocol';

/** Reads a whole SSE response into chat events with their ids, through the protocol's own decoder. */
export async function readEvents(res: Response): Promise<(ChatEvent & { id: string | undefined })[]> {
  const events: (ChatEvent & { id: string | undefined })[] = [];
  const parser = createSseParser((m) => {
    const e = decodeChatEvent(m);
    if (e) events.push({ ...e, id: m.id });
  });
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
  return events;
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
