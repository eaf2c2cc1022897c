import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'fake-openai-server', include: ['src/**/*.test.ts'] } });
