import { defineConfig } from 'vitest/config';

// The studio (studio/) is built with Vite; the tests run with Vitest.
export default defineConfig({
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
