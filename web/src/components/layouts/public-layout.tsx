import type { PublicBranding } from '@webinar/shared/organisation'
import { Video } from 'lucide-react'
import { createContext, use, type CSSProperties, type ReactNode } from 'react'
import { Logo } from '@/components/ui/logo'
import { cn } from '@/lib/cn'

/**
 * The organisation's name, accent colour and logo (Settings → Organisation), handed down by the app: still on its
 * way, not to be had (the built-in look then), or there. Without a provider (tests, a page rendered alone) the
 * built-in look.
 */
export type PublicBrand = PublicBranding | 'loading' | 'unavailable'
export const PublicBrandContext = createContext<PublicBrand>('unavailable')

/**
 * How each of the app's `accent-*` shades comes from the organisation's colour: mixed toward white or black by so
 * much, as shared/src/organisation.ts's `accentShadesOf` mixes them for the mails (public-layout.test.tsx holds
 * the two equal). The browser does the mixing (CSS color-mix): that module's schemas, and TypeBox with them,
 * would otherwise come along into every public page.
 */
const accentMixes = [
  ['50', '#fff', 93],
  ['100', '#fff', 85],
  ['200', '#fff', 72],
  ['300', '#fff', 55],
  ['500', '#fff', 18],
  ['700', '#000', 18],
  ['800', '#000', 32],
] as const

/**
 * The app's `accent-*` colours (index.css) made from the organisation's colour. They are CSS variables, so set on
 * the layout they recolour everything inside it: buttons, links, tints and focus rings.
 */
export function accentStyleOf(accentColour: string): CSSProperties {
  const colour = accentColour.toLowerCase()
  return Object.fromEntries([
    ['--color-accent-600', colour],
    ...accentMixes.map(([step, toward, percent]) => [`--color-accent-${step}`, `color-mix(in srgb, ${colour}, ${toward} ${percent}%)`]),
  ]) as CSSProperties
}

function BrandMark({ brand }: { brand: PublicBrand }) {
  // As tall as the mark, so the page does not jump when the branding arrives.
  if (brand === 'loading') return <span aria-hidden className="block h-8" />
  if (brand === 'unavailable') return <Logo />
  return (
    <span className="inline-flex min-w-0 items-center gap-2.5 font-semibold tracking-tight text-slate-900">
      {brand.logoUrl ? (
        // The name is written next to it: the image adds nothing a screen reader should read twice.
        <img src={brand.logoUrl} alt="" className="h-8 w-auto max-w-40 shrink-0 object-contain" />
      ) : (
        <span className="flex size-8 shrink-0 items-center justify-center rounded-lg bg-accent-600 text-white shadow-sm">
          <Video className="size-4.5" aria-hidden />
        </span>
      )}
      <span className="truncate">{brand.name}</span>
    </span>
  )
}

/**
 * The frame of the pages registrants see without an account (registration, personal link): no staff
 * navigation, the organisation's brand and colour, and room to breathe. Kept light: it is the first thing a
 * visitor downloads.
 */
export function PublicLayout({ children, width = 'wide' }: { children: ReactNode; width?: 'wide' | 'narrow' }) {
  const brand = use(PublicBrandContext)
  const widthClass = width === 'wide' ? 'max-w-5xl' : 'max-w-xl'
  return (
    <div
      className="flex min-h-dvh flex-col bg-gradient-to-b from-accent-50/80 via-slate-50 to-slate-50"
      style={typeof brand === 'object' ? accentStyleOf(brand.accentColour) : undefined}
    >
      <header className={cn('mx-auto flex w-full items-center px-4 pt-5 sm:px-6 sm:pt-8', widthClass)}>
        <BrandMark brand={brand} />
      </header>
      <main id="main" className={cn('mx-auto w-full flex-1 px-4 pt-6 pb-16 sm:px-6 sm:pt-10', widthClass)}>
        {children}
      </main>
    </div>
  )
}
