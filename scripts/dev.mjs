// `pnpm dev`: the API with reload on change (tsx watch) and Vite's dev server, which proxies /api to it.
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const children = [
  spawn('pnpm', ['--filter', '@webinar/server', 'dev'], { cwd: root, stdio: 'inherit' }),
  spawn('pnpm', ['--filter', '@webinar/web', 'dev'], { cwd: root, stdio: 'inherit' }),
]
let isStopping = false
const stop = (code) => {
  if (isStopping) return
  isStopping = true
  for (const child of children) child.kill('SIGINT')
  process.exitCode = code
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
