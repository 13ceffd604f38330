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
        // The API contract (shared/: schemas the forms validate with) is used by public and staff pages alike:
        // one chunk named for what it is, rather than after whichever staff module imported it first.
        codeSplitting: { groups: [{ name: 'api-contract', test: /[\\/]shared[\\/]src[\\/]/ }] },
      },
    },
  },
})
