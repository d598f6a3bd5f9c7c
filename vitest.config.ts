import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Test files share a worker's module cache instead of importing the app's module graph (Bolt, botbuilder,
    // natural, the rules) afresh for each of ~140 files: on CI's 2 cores that import alone took about 3 minutes.
    // No test relies on a fresh module: state lives in objects each test builds, and env stubs are undone here.
    isolate: false,
    unstubEnvs: true,
  },
});
