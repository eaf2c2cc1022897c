import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The benchmarks' default questions: the shop's evaluation set, shared/eval/dev.jsonl beside the repository. */
export const DEFAULT_QUESTIONS = resolve(import.meta.dirname, '../../../../shared/eval/dev.jsonl');

/**
 * Reads benchmark questions: JSON Lines with a `text` field (the format of shared/eval/*.jsonl), or plain text with one
 * question per line. Blank lines are skipped; a JSON line without a string `text` is an error naming its line.
 */
export async function readQuestions(path: string): Promise<string[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the questions file ${path}: ${(error as Error).message}`);
  }
  const questions: string[] = [];
  for (const [i, line] of raw.split('\n').entries()) {
    const text = line.trim();
    if (!text) continue;
    if (!text.startsWith('{')) {
      questions.push(text);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`${path}:${i + 1} is not valid JSON`);
    }
    const q = (value as { text?: unknown }).text;
    if (typeof q !== 'string' || !q.trim()) throw new Error(`${path}:${i + 1} has no "text" string`);
    questions.push(q.trim());
  }
  if (questions.length === 0) throw new Error(`${path} holds no questions`);
  return questions;
}
