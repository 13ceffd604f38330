// What each page downloads, in gzipped JavaScript (see lib/bundles.mjs). Run after a web build:
//   node bench/bundle-size.mjs [dist folder, default web/dist]
// `pnpm bench` runs the same measurement as B6 on a build of its own.
import path from 'node:path'
import { measureBundles } from './lib/bundles.mjs'

const dist = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../web/dist'))
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
console.table(
  measureBundles(dist).map((route) => ({
    route: `${route.route} (${route.label})`,
    'JS on first load (gzip)': kb(route.firstLoadGzipBytes),
    'lazy JS behind it (gzip)': kb(route.lazyGzipBytes),
    'Stream SDK on first load': route.isStreamOnFirstLoad ? 'YES' : 'no',
    'Stream SDK reachable lazily': route.isStreamReachableLazily ? 'yes' : 'no',
  })),
)
