import type { Embeddings } from '../../ports/embeddings.ts';

export interface EmbeddingsConfig {
  /** Server root or its /v1, e.g. http://127.0.0.1:8001 or http://127.0.0.1:8001/v1. */
  baseURL: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
}

/** The embeddings endpoint failed or answered something unusable; says which and how to fix it. */
export class EmbeddingsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddingsError';
  }
}

/**
 * Embeddings from an OpenAI-compatible `POST /v1/embeddings` (vLLM `--task embed`, e.g. Qwen3-Embedding-0.6B). Plain
 * fetch: the request is one JSON body, no SDK needed.
 */
export function createOpenAiCompatibleEmbeddings(config: EmbeddingsConfig): Embeddings {
  const url = `${config.baseURL.replace(/\/+$/, '').replace(/\/v1$/, '')}/v1/embeddings`;
  return {
    model: config.model,
    async embed(texts) {
      if (texts.length === 0) return [];
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: config.model, input: texts, encoding_format: 'float' }),
          signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
        });
      } catch (cause) {
        throw new EmbeddingsError(`embeddings endpoint ${url} unreachable; check EMBEDDINGS_BASE_URL`, {
          cause,
        });
      }
      if (!res.ok) {
        const body = (await res.text()).slice(0, 300);
        throw new EmbeddingsError(`embeddings endpoint ${url} answered ${res.status}: ${body}`);
      }
      const json = (await res.json()) as { data?: { index: number; embedding: number[] }[] };
      if (!Array.isArray(json.data) || json.data.length !== texts.length)
        throw new EmbeddingsError(
          `embeddings endpoint ${url} returned ${json.data?.length ?? 'no'} vectors for ${texts.length} texts`,
        );
      return [...json.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    },
  };
}
