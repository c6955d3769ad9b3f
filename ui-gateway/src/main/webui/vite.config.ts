/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The build goes straight into ui-gateway's classes, where Quarkus serves static files from
// (META-INF/resources); `npm run dev` serves the page on :5173 and sends /api to a running suite.
const out = fileURLToPath(new URL('../../../target/classes/META-INF/resources', import.meta.url));

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: out,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: process.env.CE_URL ?? 'https://localhost:8443', secure: false, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    css: false,
    // component tests render whole pages; on a loaded 2-core machine some take seconds
    testTimeout: 30_000,
  },
});
