import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const designerRoot = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: designerRoot,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    // `vite --config designer/vite.config.ts` during UI work; the API keeps serving on 8080.
    proxy: { '/api': 'http://127.0.0.1:8080', '/health': 'http://127.0.0.1:8080' },
  },
});
