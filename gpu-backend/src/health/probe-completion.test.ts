import { type FakeOpenAiServer, startFakeOpenAiServer } from '@xiaoer/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCompletion } from './probe-completion.ts';

describe('probeCompletion', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
  });
  afterAll(() => fake.close());

  it('decodes one token from a server that serves the model', async () => {
    const r = await probeCompletion({ baseUrl: fake.baseURL, model: 'qwen3-0.6b' });
    expect(r).toMatchObject({ ok: true, status: 200 });
  });

  // Called on its own (it is exported), the probe is the only check that sees vLLM's 404 for an unknown model.
  it('names a wrong model rather than reporting the bare 404', async () => {
    const r = await probeCompletion({ baseUrl: fake.url, model: 'qwen3-8b' });
    expect(r.ok).toBe(false);
    expect(r.status).toBe(404);
    expect(r.failure).toEqual({
      kind: 'wrong_model',
      message: 'The completion was refused: model "qwen3-8b" does not exist.',
    });
  });

  it('leaves the status out when no answer came', async () => {
    const r = await probeCompletion({ baseUrl: 'http://127.0.0.1:9', model: 'qwen3-0.6b', timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    expect('status' in r).toBe(false);
    expect(['refused', 'unreachable', 'timeout']).toContain(r.failure?.kind);
  });
});
