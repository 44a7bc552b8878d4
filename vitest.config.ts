import { defineConfig } from 'vitest/config';

const report = process.env.SCRUBJAY_TEST_REPORT;

// `npm test`: everything but the corpus suite (test/corpus, `npm run test:corpus`); it reads only the repository.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/corpus/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: report ? ['default', 'json'] : ['default'],
    ...(report ? { outputFile: { json: report } } : {}),
  },
});
