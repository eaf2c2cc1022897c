import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'gpu-backend', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
