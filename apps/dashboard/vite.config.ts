import { defineConfig } from 'vitest/config';

const api = process.env.DASHBOARD_API_URL ?? 'http://localhost:3000';

// The API serves the built files at /app; in development Vite serves them and proxies the API.
export default defineConfig({
  root: __dirname,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // React Query marks its modules "use client" for server components; meaningless in a static bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/v1': { target: api, changeOrigin: false }, '/fact-checks': api },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
  },
});
