import { rmSync } from 'node:fs';

/** Removes the run's temporary conversation store (see playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.XIAOER_E2E_DATA_DIR;
  if (dir?.includes('xiaoer-e2e-')) rmSync(dir, { recursive: true, force: true });
}
