#!/usr/bin/env node
/**
 * `pnpm --filter @xiaoer/gpu-backend health --url http://gpu-1:8000 [--model qwen3-0.6b] [--api-key KEY]
 * [--timeout 5s] [--no-deep] [--no-metrics] [--json]`. Exit code 0 only when the replica is ready; see HEALTH_EXIT.
 * The API key may also come from VLLM_API_KEY or LLM_API_KEY, the model from LLM_MODEL.
 */
import { parseArgs } from 'node:util';
import { checkBackend } from '../health/index.ts';
import { exitCodeFor, formatHealthReport, HEALTH_EXIT } from './format-health-report.ts';
import { parseDuration } from './parse-duration.ts';

const USAGE =
  'usage: health --url <base URL> [--model NAME] [--api-key KEY] [--timeout 5s] [--no-deep] [--no-metrics] [--json]';

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  let timeoutMs: number;
  try {
    values = parse(argv).values;
    if (values.help) {
      console.log(USAGE);
      return HEALTH_EXIT.ready;
    }
    if (!values.url) throw new Error('--url is required (e.g. --url http://127.0.0.1:8000)');
    timeoutMs = parseDuration(values.timeout, '--timeout');
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return HEALTH_EXIT.usage;
  }
  const apiKey = values['api-key'] || process.env.VLLM_API_KEY || process.env.LLM_API_KEY;
  let report: Awaited<ReturnType<typeof checkBackend>>;
  try {
    report = await checkBackend({
      baseUrl: values.url,
      model: values.model || process.env.LLM_MODEL || 'qwen3-0.6b',
      ...(apiKey ? { apiKey } : {}),
      timeoutMs,
      deep: values.deep,
      metrics: values.metrics,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return HEALTH_EXIT.usage;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatHealthReport(report));
  return exitCodeFor(report);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowNegative: true,
    options: {
      url: { type: 'string' },
      model: { type: 'string' },
      'api-key': { type: 'string' },
      timeout: { type: 'string', default: '5s' },
      deep: { type: 'boolean', default: true },
      metrics: { type: 'boolean', default: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

process.exitCode = await main(process.argv.slice(2).filter((a) => a !== '--'));
