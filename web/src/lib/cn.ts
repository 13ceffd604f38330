import { clsx, type ClassValue } from 'clsx'

type ClassMerger = (classes: string) => string

let merge: ClassMerger = (classes) => classes

/**
 * How `cn` settles conflicting Tailwind classes from here on. The app (app/providers.tsx) installs tailwind-merge
 * as it starts. The public pages do not: its 8 KB (gzipped) would be a tenth of what a registrant's first page
 * load may weigh (bench B6), and their components never pass a class that conflicts with a default.
 */
export function mergeClassesWith(merger: ClassMerger): void {
  merge = merger
}

/**
 * Joins class names. In the app, later Tailwind classes win over earlier ones, so callers can override a
 * component's defaults; on the public pages (see `mergeClassesWith`) they are only joined.
 */
export function cn(...inputs: ClassValue[]): string {
  return merge(clsx(inputs))
}
