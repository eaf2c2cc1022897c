import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChatEvent, encodeEvent } from '@xiaoer/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeChatTarget } from './edge-chat-target.ts';

/** A stand-in for the edge's /v1/chat: answers 「模型」 questions with the model's text, others with its own. */
let server: Server;
let url = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const text = (JSON.parse(body) as { message: { text: string } }).message.text;
      const events: ChatEvent[] = [
        { type: 'conversation-start', data: { conversationId: 'c', messageId: 'm', replyId: 'r' } },
        ...(text.includes('模型')
          ? ['亲，每天16:00', '前付款当天发出。'].map((delta) => ({
              type: 'text-delta' as const,
              data: { delta },
            }))
          : [{ type: 'text-delta' as const, data: { delta: '16:00前付款的订单当天发货。' } }]),
        { type: 'message-end', data: { finishReason: 'stop' } },
      ];
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(events.map((e, i) => encodeEvent(e, i + 1)).join(''));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('createEdgeChatTarget', () => {
  it('tells the replies the model wrote from those the edge gave itself, when it knows the model text', async () => {
    const target = createEdgeChatTarget({
      url,
      timeoutMs: 5000,
      runId: 't',
      modelAnswerStart: '亲，每天16:00前',
    });
    const model = await target('问模型', new AbortController().signal);
    const own = await target('几点发货', new AbortController().signal);
    expect(model).toMatchObject({ ok: true, fromModel: true, answerTokens: 2 });
    expect(model.ttftMs).toBeGreaterThan(0);
    expect(own).toMatchObject({ ok: true, fromModel: false, answerTokens: 1 });
    const unknown = createEdgeChatTarget({ url, timeoutMs: 5000, runId: 'u' });
    expect((await unknown('问模型', new AbortController().signal)).fromModel).toBeUndefined();
  });
});
