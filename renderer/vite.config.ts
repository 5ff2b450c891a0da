import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' so the same build loads from file:// in Electron and from the headless host.
// outDir is resolved against root (this folder), so the build lands in <repo>/dist/renderer.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // AG Grid is large; the app is loaded from disk, so one big chunk costs nothing.
    chunkSizeWarningLimit: 4000,
    // Fonts stay files: the CSP allows fonts from 'self' only, not data: URLs.
    assetsInlineLimit: (file) => (/\.woff2?$/.test(file) ? false : undefined),
  },
});
