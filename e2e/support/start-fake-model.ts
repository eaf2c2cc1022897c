/**
 * Starts the TEST DOUBLE model server for the e2e suite, plus a small control API the tests use to change its
 * behaviour and read what it received:
 *   POST /control/set      {"reply"?, "reasoning"?, "firstTokenDelayMs"?, "tokenDelayMs"?, "fault"?: string|null}
 *   POST /control/reset    back to the defaults below
 *   GET  /control/requests [{ "lastUserMessage", "aborted", "finished" }]
 * `node e2e/support/start-fake-model.ts <model-port> <control-port>`
 */
import { createServer } from 'node:http';
import { startFakeOpenAiServer } from '@xiaoer/fake-openai-server';

/** The reasoning text contains this marker; tests assert it never reaches the page. */
export const REASONING_MARKER = 'REASONING-MUST-NOT-LEAK';

export const DEFAULT_REPLY =
  '周一至周六**16:00前**付款的订单当天发出，16:00以后付款的第二天发出。\n周日截单时间提前到12:00。\n需要我帮您查订单或生成工单吗?';

const [modelPort = '9101', controlPort = '9103'] = process.argv.slice(2);

const defaults = () => ({
  firstTokenDelayMs: 150,
  tokenDelayMs: 25,
  reply: DEFAULT_REPLY,
  reasoning: `用户问截单时间，资料写的是16:00。${REASONING_MARKER}`,
});
let current = defaults();

const fake = await startFakeOpenAiServer(
  {
    model: 'qwen3-0.6b',
    firstTokenDelayMs: current.firstTokenDelayMs,
    tokenDelayMs: current.tokenDelayMs,
    reasoningKey: 'reasoning',
    reply: () => ({ content: current.reply, reasoning: current.reasoning }),
  },
  Number(modelPort),
);

function apply(next: Partial<ReturnType<typeof defaults>> & { fault?: string | null }) {
  current = { ...current, ...next };
  const fault = next.fault === null ? undefined : next.fault;
  fake.set({
    firstTokenDelayMs: current.firstTokenDelayMs,
    tokenDelayMs: current.tokenDelayMs,
    ...(next.fault !== undefined ? { fault: fault as never } : {}),
  });
}

createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  if (req.method === 'POST' && req.url === '/control/set') apply(body);
  else if (req.method === 'POST' && req.url === '/control/reset') {
    current = defaults();
    apply({ fault: null });
    fake.requests.length = 0;
  } else if (req.url === '/control/requests') {
    const list = fake.requests.map((r) => {
      const users = (r.body.messages ?? []).filter((m) => m.role === 'user');
      return {
        lastUserMessage: String(users.at(-1)?.content ?? ''),
        aborted: r.aborted,
        finished: r.finished,
      };
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
    return;
  } else if (req.url !== '/control/health') {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}).listen(Number(controlPort), '127.0.0.1', () => {
  console.log(`fake model (TEST DOUBLE) on ${fake.url}, control on http://127.0.0.1:${controlPort}`);
});
