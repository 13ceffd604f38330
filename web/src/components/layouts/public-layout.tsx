import type { ReactNode } from 'react'
import { Logo } from '@/components/ui/logo'
import { cn } from '@/lib/cn'

/**
 * The frame of the pages registrants see without an account (registration, personal link): no staff
 * navigation, the brand, and room to breathe. Kept light: it is the first thing a visitor downloads.
 */
export function PublicLayout({ children, width = 'wide' }: { children: ReactNode; width?: 'wide' | 'narrow' }) {
  const widthClass = width === 'wide' ? 'max-w-5xl' : 'max-w-xl'
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-accent-50/80 via-slate-50 to-slate-50">
      <header className={cn('mx-auto flex w-full items-center px-4 pt-5 sm:px-6 sm:pt-8', widthClass)}>
        <Logo />
      </header>
      <main id="main" className={cn('mx-auto w-full flex-1 px-4 pt-6 pb-16 sm:px-6 sm:pt-10', widthClass)}>
        {children}
      </main>
    </div>
  )
}
