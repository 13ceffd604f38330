// Types of server-build.mjs (plain JavaScript, so that `pnpm start` runs with node alone).
/** The compiled server's entry point, server/dist/main.mjs. */
export declare const serverEntry: string
export declare function isServerBuildStale(): boolean
export declare function buildServer(): Promise<void>
/** Builds server/dist when a source is newer; resolves to whether it built. */
export declare function buildServerIfStale(options?: { log?: (message: string) => void }): Promise<boolean>
/** `env` plus what the compiled server runs with (a fixed malloc mmap threshold, unless `env` sets one). */
export declare function serverEnvironment<T extends Record<string, string | undefined>>(env?: T): T & { MALLOC_MMAP_THRESHOLD_: string }
