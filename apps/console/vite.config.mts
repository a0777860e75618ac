import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The staff console: built into dist/console, which the API serves at `/` (apps/api/src/console). */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Oxc's compressor (Vite 8.3) breaks the production bundle (React loops "Maximum update depth");
    // mangling whitespace and names alone is safe.
    minify: false,
    rolldownOptions: {
      output: { minify: { compress: false, mangle: true, codegen: { removeWhitespace: true } } },
      // Mantine marks its modules "use client" (for React Server Components); a client bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite apps/console` during development: the API runs on 3000.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
