import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The launch files are read by Docker, bash and the edge, none of which runs here (no GPU, no Docker engine): these
 * tests check that they agree with each other, so a shop's first start is right.
 */
const dir = join(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');

function envFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** Resolves `${NAME:-default}` the way compose does when NAME is unset. */
const interpolate = (s: string) => s.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

interface Service {
  profiles: string[];
  environment?: Record<string, string>;
  ports: string[];
  image: string;
  entrypoint: string[];
  env_file: string[];
  healthcheck: { test: string[]; start_period: string; interval: string; timeout: string; retries: number };
  deploy: { resources: { reservations: { devices: { device_ids: string[] }[] } } };
}

const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
const vllmEnv = envFile(read('vllm.env'));
const edgeEnvText = read('edge.env.example');
const edgeEnv = envFile(edgeEnvText);
const services = Object.entries(compose.services);
const chatServices = services.filter(([name]) => name.startsWith('chat-'));

/** The effective environment of a service: vllm.env, then its own `environment` (compose's precedence). */
function effectiveEnv(s: Service): Map<string, string> {
  const env = new Map(vllmEnv);
  for (const [k, v] of Object.entries(s.environment ?? {})) env.set(k, interpolate(String(v)));
  return env;
}

function hostPort(s: Service): number {
  const mapping = interpolate(s.ports[0]!);
  const parts = mapping.split(':');
  expect(parts.at(-1)).toBe(vllmEnv.get('VLLM_PORT'));
  return Number(parts.at(-2));
}

function profileUrls(profile: string): string[] {
  const m = new RegExp(`^# ${profile}: LLM_BASE_URL=(.*)$`, 'm').exec(edgeEnvText);
  if (!m) throw new Error(`edge.env.example has no line for profile ${profile}`);
  return m[1]!.split(',');
}

describe('compose.yaml profiles match edge.env.example', () => {
  for (const [profile, cards] of [
    ['a10x1', 1],
    ['a10x2', 2],
    ['a10x4', 4],
  ] as const) {
    it(`${profile}: one chat replica per card, each listed in the edge's LLM_BASE_URL with its port and model`, () => {
      const replicas = chatServices.filter(([, s]) => s.profiles.includes(profile)).map(([, s]) => s);
      expect(replicas).toHaveLength(cards);
      const gpus = replicas.map((s) => s.deploy.resources.reservations.devices[0]!.device_ids.join(','));
      expect(new Set(gpus).size).toBe(cards);
      const ports = replicas.map(hostPort).sort();
      const listed = profileUrls(profile).map((u) => {
        const url = new URL(u);
        expect(url.pathname).toBe('/v1');
        return Number(url.port);
      });
      expect(listed.sort()).toEqual(ports);
      for (const s of replicas) {
        const env = effectiveEnv(s);
        expect(env.get('VLLM_SERVED_MODEL_NAME')).toBe(edgeEnv.get('LLM_MODEL'));
        expect(env.get('VLLM_MODEL')).toBe('Qwen/Qwen3-0.6B');
      }
    });
  }

  it('the active LLM_BASE_URL is the one-card profile and the API keys agree', () => {
    expect(edgeEnv.get('LLM_BASE_URL')).toBe(profileUrls('a10x1').join(','));
    expect(edgeEnv.get('LLM_API_KEY')).toBe(vllmEnv.get('VLLM_API_KEY'));
  });

  it('every service publishes its own host port', () => {
    const ports = services.map(([, s]) => hostPort(s));
    expect(new Set(ports).size).toBe(ports.length);
  });
});

describe('compose.yaml services', () => {
  it('pin one vllm/vllm-openai release and start through serve.sh with vllm.env', () => {
    for (const [, s] of services) {
      expect(s.image).toMatch(/^vllm\/vllm-openai:v\d+\.\d+\.\d+$/);
      expect(s.entrypoint).toEqual(['bash', '/opt/xiaoer/serve.sh']);
      expect(s.env_file).toEqual(['vllm.env']);
    }
    expect(new Set(services.map(([, s]) => s.image)).size).toBe(1);
  });

  it('have a readiness healthcheck with a start period longer than a model load', () => {
    for (const [, s] of services) {
      const h = s.healthcheck;
      expect(h.test[0]).toBe('CMD');
      expect(h.test.join(' ')).toContain('/v1/models');
      expect(h.test.join(' ')).toContain('VLLM_SERVED_MODEL_NAME');
      expect(Number.parseInt(h.start_period, 10)).toBeGreaterThanOrEqual(120);
      expect(Number.parseInt(h.timeout, 10)).toBeLessThan(Number.parseInt(h.interval, 10));
    }
  });

  it('the optional services use their own models, embeddings with --runner pooling', () => {
    const emb = effectiveEnv(compose.services.embeddings!);
    expect(emb.get('VLLM_MODEL')).toBe('Qwen/Qwen3-Embedding-0.6B');
    expect(emb.get('VLLM_RUNNER')).toBe('pooling');
    expect(effectiveEnv(compose.services.vision!).get('VLLM_MODEL')).toMatch(/^Qwen\/Qwen\d(\.\d)?-VL-/);
  });

  it('services sharing card 0 by default leave headroom (sum of --gpu-memory-utilization <= 0.95)', () => {
    const onCard0 = services.filter(([name, s]) => {
      const id = interpolate(s.deploy.resources.reservations.devices[0]!.device_ids[0]!);
      return id === '0' && name !== 'vision';
    });
    const sum = onCard0.reduce(
      (t, [, s]) => t + Number(effectiveEnv(s).get('VLLM_GPU_MEMORY_UTILIZATION')),
      0,
    );
    expect(onCard0.map(([n]) => n).sort()).toEqual(['chat-gpu0', 'embeddings']);
    expect(sum).toBeLessThanOrEqual(0.95);
  });
});

describe('vllm.env', () => {
  it('gives every setting a one-line reason naming its flag', () => {
    const lines = read('vllm.env').split('\n');
    for (const [i, line] of lines.entries()) {
      if (!/^VLLM_[A-Z_]+=/.test(line)) continue;
      const reason = lines[i - 1] ?? '';
      expect(reason, `no reason above ${line}`).toMatch(/^# \S.{20,}/);
    }
    const text = read('vllm.env');
    for (const flag of [
      '--served-model-name',
      '--max-model-len 4096',
      '--gpu-memory-utilization',
      '--max-num-seqs',
      '--enable-prefix-caching',
      '--reasoning-parser qwen3',
      '--api-key',
      '--dtype bfloat16',
    ]) {
      expect(text).toContain(`# ${flag}`);
    }
  });
});

describe('serve.sh', () => {
  const serve = (env: Record<string, string>, ...args: string[]) =>
    execFileSync('bash', [join(dir, 'serve.sh'), '--print', ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();

  it('builds vllm serve from vllm.env with the flags compose uses', () => {
    const cmd = serve({});
    expect(cmd).toBe(
      [
        'vllm serve Qwen/Qwen3-0.6B',
        `--served-model-name ${vllmEnv.get('VLLM_SERVED_MODEL_NAME')}`,
        '--max-model-len 4096',
        `--gpu-memory-utilization ${vllmEnv.get('VLLM_GPU_MEMORY_UTILIZATION')}`,
        `--max-num-seqs ${vllmEnv.get('VLLM_MAX_NUM_SEQS')}`,
        '--dtype bfloat16 --host 0.0.0.0 --port 8000 --enable-prefix-caching --reasoning-parser qwen3',
      ].join(' '),
    );
    // The key stays out of the command line (vLLM reads VLLM_API_KEY from the environment).
    expect(cmd).not.toContain(vllmEnv.get('VLLM_API_KEY'));
  });

  it('lets the environment choose the replica port and adds extra arguments', () => {
    expect(serve({ VLLM_PORT: '8002' }, '--enforce-eager')).toMatch(/--port 8002 .*--enforce-eager$/);
  });

  it('runs the embeddings service as a pooling model without the reasoning parser', () => {
    const env = Object.fromEntries(effectiveEnv(compose.services.embeddings!));
    const cmd = serve(env);
    expect(cmd).toContain('serve Qwen/Qwen3-Embedding-0.6B');
    expect(cmd).toContain('--runner pooling');
    expect(cmd).not.toContain('--reasoning-parser');
    expect(cmd).not.toContain('--enable-prefix-caching');
  });

  it('fails clearly when a required setting is empty', () => {
    expect(() => serve({ VLLM_SERVED_MODEL_NAME: '' })).toThrow(/VLLM_SERVED_MODEL_NAME is not set/);
  });
});
