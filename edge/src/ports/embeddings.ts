/** Turns texts into embedding vectors (an OpenAI-compatible `/v1/embeddings` endpoint, e.g. vLLM). */
export interface Embeddings {
  /** Model name; stored with each vector so a model change re-embeds everything. */
  readonly model: string;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
}
