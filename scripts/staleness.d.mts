export function isOlderThanSources(built: string, sources: string[]): boolean
