// Types of bundles.mjs (plain JavaScript, so that bench/bundle-size.mjs runs with node alone).
export interface MeasuredRoute {
  route: string
  label: string
  source: string
  isPublic: boolean
  firstLoadGzipBytes: number
  lazyGzipBytes: number
  isStreamOnFirstLoad: boolean
  isStreamReachableLazily: boolean
  firstLoadChunks: { key: string; file: string; gzipBytes: number; isStream: boolean }[]
  /** Minified bytes per package or app folder, when the chunks have source maps. */
  firstLoadMinifiedByOwner: { owner: string; bytes: number }[] | undefined
}

export declare const measuredRoutes: { route: string; label: string; source: string; isPublic: boolean }[]
export declare function measureBundles(dist: string): MeasuredRoute[]
