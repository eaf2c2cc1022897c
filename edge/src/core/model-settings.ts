/** Generation settings. Defaults are the shops' brief for Qwen3-0.6B. */
export interface ModelSettings {
  temperature: number;
  maxTokens: number;
  /** Model context window; prompt + maxTokens must fit. */
  contextTokens: number;
  enableThinking: boolean;
  /** Passages given to the model and shown as sources. */
  topK: number;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  temperature: 0.3,
  maxTokens: 512,
  contextTokens: 4096,
  enableThinking: true,
  topK: 3,
};
