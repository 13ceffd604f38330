import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// In development the API runs on :3000 (pnpm dev); in production the API serves web/dist itself,
// so the SPA always talks to its own origin and the session cookie stays first-party.
const apiTarget = 'http://localhost:3000'
const proxiedPaths = ['/api', '/docs', '/healthz', '/readyz', '/__stream']

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: Object.fromEntries(proxiedPaths.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/bundle-size.mjs reads it to measure what each route downloads.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the entry imports (React, and the small public app that a registrant's first page starts: see
          // src/main.tsx), in the entry's own chunk: left to itself the bundler moves whatever later pages import
          // too into small shared chunks, a dozen more requests and about 2 KB (gzipped) more for that first page.
          groups: [{ name: 'index', tags: ['$initial'] }],
        },
      },
    },
  },
})
