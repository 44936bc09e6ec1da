import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The console's single-page application: web/ -> dist/web, served by src/server/main.ts.
// `vite` (dev server) proxies /svc and /console/api to a console server on CONSOLE_DEV_TARGET.
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    proxy: {
      '/svc': process.env.CONSOLE_DEV_TARGET ?? 'http://127.0.0.1:3000',
      '/console/api': process.env.CONSOLE_DEV_TARGET ?? 'http://127.0.0.1:3000',
    },
  },
});
