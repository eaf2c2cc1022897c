import { defineConfig } from 'vitest/config';

// One runner for every package's unit and integration tests; Playwright runs the browser tests (e2e/).
export default defineConfig({
  test: {
    projects: ['protocol', 'edge', 'widget', 'gpu-backend', 'fakes/*'],
  },
});
