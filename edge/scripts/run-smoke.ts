import { chatRequest, readEvents, textOf } from '../test/support/read-events.ts';

async function chat(base: string, body: unknown) {
  const res = await fetch(`${base}/v1/chat`, chatRequest(body));
  if (res.status !== 200) throw new Error(`POST /v1/chat answered ${res.status}: ${await res.text()}`);
  return readEvents(res);
}

export interface SmokeResult {
  answer: string;
  deltas: number;
  handoffReason: string | undefined;
  historyLength: number;
}

/**
 * The smoke chat a deployment must pass: health, readiness, a shipping question answered with the 16:00 cut-off, an
 * explicit request for a human, and the history of the conversation. Throws on the first failure.
 */
export async function runSmoke(base: string): Promise<SmokeResult> {
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`smoke failed: ${what}`);
  };
  check((await fetch(`${base}/healthz`)).status === 200, 'GET /healthz is not 200');
  const ready = (await (await fetch(`${base}/readyz`)).json()) as { ready: boolean };
  check(ready.ready, `GET /readyz is not ready: ${JSON.stringify(ready)}`);

  const id = `smoke${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const events = await chat(base, { message: { id, text: '几点之前付款当天能发货?' } });
  const start = events[0];
  check(start?.type === 'conversation-start', 'the stream does not open with conversation-start');
  const deltas = events.filter((e) => e.type === 'text-delta');
  const answer = textOf(events);
  check(answer.includes('16:00'), `the answer does not mention 16:00: ${answer}`);
  check(events.at(-1)?.type === 'message-end', 'the stream does not end with message-end');

  const conversationId = start?.type === 'conversation-start' ? start.data.conversationId : '';
  const handoff = await chat(base, { conversationId, message: { id: `${id}b`, text: '我要转人工' } });
  const request = handoff.find((e) => e.type === 'handoff-request');
  check(
    request?.type === 'handoff-request' && request.data.reason === 'explicit',
    '我要转人工 did not hand over (explicit)',
  );

  const history = (await (await fetch(`${base}/v1/conversations/${conversationId}`)).json()) as {
    messages: unknown[];
  };
  check(history.messages.length === 4, `history has ${history.messages.length} messages, expected 4`);
  return {
    answer,
    deltas: deltas.length,
    handoffReason: request?.type === 'handoff-request' ? request.data.reason : undefined,
    historyLength: history.messages.length,
  };
}
