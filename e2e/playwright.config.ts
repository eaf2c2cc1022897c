import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Fixed ports of this suite (9101-9104 by default): the fake model, the edge serving the examples, its control API,
 * the React shop. `XIAOER_E2E_PORT_BASE=9500` moves them to 9501-9504, so two checkouts can run the suite at once.
 */
const base = Number(process.env.XIAOER_E2E_PORT_BASE ?? 9100);
export const PORTS = { model: base + 1, edge: base + 2, control: base + 3, reactShop: base + 4 };
const root = join(import.meta.dirname, '..');
// A fresh conversation store per run. The config is loaded by the runner and again by each worker: the runner's
// choice travels to the workers in the environment, and support/global-teardown.ts removes it.
process.env.XIAOER_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'xiaoer-e2e-'));
const dataDir = process.env.XIAOER_E2E_DATA_DIR;

// Debian's chromium (apt-get install chromium fonts-wqy-microhei); Playwright's own browser download is skipped.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests',
  // One worker: the tests share one fake model whose behaviour some of them change.
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  globalTeardown: './support/global-teardown.ts',
  // A human reporter and the json one (it writes to PLAYWRIGHT_JSON_OUTPUT_NAME, which `pnpm test` sets).
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORTS.edge}`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: [
    {
      command: `node support/start-fake-model.ts ${PORTS.model} ${PORTS.control}`,
      url: `http://127.0.0.1:${PORTS.control}/control/health`,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
    {
      command: 'node edge/src/runtime/node.ts',
      cwd: root,
      url: `http://127.0.0.1:${PORTS.edge}/readyz`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        SERVE_DEMO: '1',
        PORT: String(PORTS.edge),
        DATA_DIR: dataDir,
        LLM_BASE_URL: `http://127.0.0.1:${PORTS.model}/v1`,
        LLM_MODEL: 'qwen3-0.6b',
      },
    },
    {
      // The React example, built against the edge above and served by `vite preview` (another origin: CORS).
      command: `pnpm build && pnpm preview --port ${PORTS.reactShop} --strictPort --host 127.0.0.1`,
      cwd: join(root, 'examples/react-shop'),
      url: `http://127.0.0.1:${PORTS.reactShop}/`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { VITE_XIAOER_ENDPOINT: `http://127.0.0.1:${PORTS.edge}` },
    },
  ],
});
