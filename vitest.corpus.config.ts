import { defineConfig } from 'vitest/config';

const report = process.env.SCRUBJAY_TEST_REPORT;

// `npm run test:corpus`: the tests that need the whole public corpus (SCRUBJAY_CORPUS, or ../shared/corpus).
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    globalSetup: ['test/corpus/require-corpus.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: report ? ['default', 'json'] : ['default'],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
