import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The API serves the built SPA in production; in dev, vite proxies /api (including the SSE stream) to it.
export default defineConfig({
  plugins: [react()],
  // '@/lib/x' is apps/web/src/lib/x (also in vitest.config.ts and tsconfig.json paths).
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Each lazy page becomes its own chunk; the report script sums only what index.html loads.
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
});
