import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { cn } from '@/lib/cn'
import { Card } from './card'

/**
 * - `page`: a page with nothing in it yet ("No webinars yet"), said large, with what to do first.
 * - `panel`: a side-panel tab with nothing in it yet ("No messages yet"), quiet, without a card of its own.
 * - `list`: a list showing nothing for now (a search that found nothing, no keys yet), in a muted voice.
 */
export type EmptyStateVariant = 'page' | 'panel' | 'list'

const looks = {
  page: {
    container: 'px-6 py-14 text-center sm:py-20',
    tile: 'mx-auto flex size-14 items-center justify-center rounded-2xl bg-accent-50 text-accent-600',
    icon: 'size-7',
    title: 'mt-5 text-lg font-semibold text-slate-900',
    body: 'mx-auto mt-2 max-w-md text-sm leading-6 text-slate-600',
    action: 'mt-6',
  },
  panel: {
    container: 'flex flex-col items-center px-6 py-12 text-center',
    tile: 'flex size-11 items-center justify-center rounded-2xl bg-accent-50 text-accent-600',
    icon: 'size-5',
    title: 'mt-3 text-sm font-semibold text-slate-900',
    body: 'mt-1 max-w-xs text-sm leading-6 text-slate-600',
    action: 'mt-5',
  },
  list: {
    container: 'flex flex-col items-center px-6 py-12 text-center',
    tile: null,
    icon: 'size-6 text-slate-300',
    title: 'mt-3 text-sm font-medium text-slate-700',
    body: 'mt-1 text-sm text-slate-500',
    action: 'mt-5',
  },
} satisfies Record<EmptyStateVariant, Record<string, string | null>>

/** What a place says while it has nothing to show, and what can be done about it. */
export function EmptyState({
  variant = 'page',
  icon: Icon,
  title,
  children,
  action,
  isInCard = variant !== 'panel',
  className,
}: {
  variant?: EmptyStateVariant
  icon?: LucideIcon
  title: ReactNode
  children?: ReactNode
  action?: ReactNode
  /** On a card of its own; false where it already sits inside one (or in a panel). */
  isInCard?: boolean
  className?: string
}) {
  const look = looks[variant]
  const Container = isInCard ? Card : 'div'
  const Title = variant === 'page' ? 'h2' : 'p'
  const Body = variant === 'page' ? 'div' : 'p'
  return (
    <Container className={cn(look.container, className)}>
      {Icon ? (
        look.tile ? (
          <div className={look.tile}>
            <Icon className={look.icon} aria-hidden />
          </div>
        ) : (
          <Icon className={look.icon} aria-hidden />
        )
      ) : null}
      {/* Without an icon above it, the title starts the box. */}
      <Title className={cn(look.title, !Icon && 'mt-0')}>{title}</Title>
      {children ? <Body className={look.body}>{children}</Body> : null}
      {action ? <div className={look.action}>{action}</div> : null}
    </Container>
  )
}
