import { ChevronDown, CalendarDays, Contact, Inbox, KeyRound, LogOut, Repeat, Settings, Users, type LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'
import { Link, NavLink } from 'react-router'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { Logo } from '@/components/ui/logo'
import { cn } from '@/lib/cn'
import { initialsOf } from '@/lib/initials'

const navigation: { to: string; label: string; icon: LucideIcon }[] = [
  { to: '/admin/webinars', label: 'Webinars', icon: CalendarDays },
  { to: '/admin/series', label: 'Series', icon: Repeat },
  { to: '/admin/mailbox', label: 'Mailbox', icon: Inbox },
  { to: '/admin/users', label: 'Users', icon: Users },
  { to: '/admin/people', label: 'People', icon: Contact },
  { to: '/admin/api-keys', label: 'API keys', icon: KeyRound },
  { to: '/admin/settings', label: 'Settings', icon: Settings },
]

export interface ShellUser {
  name: string
  email: string
  /** Shown under the e-mail address in the account menu, e.g. "Admin". */
  roleLabel: string
}

function UserMenu({ user, onSignOut }: { user: ShellUser; onSignOut: () => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm font-medium text-slate-700 hover:bg-slate-100 data-[state=open]:bg-slate-100"
      >
        <span aria-hidden className="flex size-8 items-center justify-center rounded-full bg-accent-100 text-xs font-semibold text-accent-700">
          {initialsOf(user.name)}
        </span>
        {/* The name read out is the name shown (on phones, only read out). */}
        <span className="sr-only">Account menu for </span>
        <span className="sr-only sm:not-sr-only sm:block sm:max-w-40 sm:truncate">{user.name}</span>
        <ChevronDown className="size-4 text-slate-400" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuLabel>
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="truncate text-sm text-slate-500">{user.email}</p>
          <p className="mt-1 text-xs font-medium text-accent-700">{user.roleLabel}</p>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onSignOut}>
          <LogOut className="size-4 text-slate-400" aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  )
}

/** The staff dashboard's frame: brand, main navigation and the account menu. */
export function AdminShell({ user, onSignOut, children }: { user: ShellUser; onSignOut: () => void; children: ReactNode }) {
  return (
    <div className="min-h-dvh">
      <a
        href="#main"
        className="sr-only rounded-lg bg-white px-4 py-2 text-sm font-medium text-accent-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200/80 bg-white/90 backdrop-blur supports-[backdrop-filter]:bg-white/75">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-x-6 px-4 sm:px-6">
          <Link to="/admin/webinars" className="flex items-center rounded-lg">
            <Logo />
          </Link>
          <nav aria-label="Main" className="hidden flex-1 gap-1 md:flex">
            {navigation.map(({ to, label, icon: Icon }) => (
              <NavLink
                key={to}
                to={to}
                className={({ isActive }) =>
                  cn(
                    'flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium transition-colors',
                    isActive ? 'bg-accent-50 text-accent-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
                  )
                }
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto">
            <UserMenu user={user} onSignOut={onSignOut} />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 pt-8 pb-28 sm:px-6 sm:pt-12 md:pb-12">
        {children}
      </main>
      {/* On phones the sections sit in a tab bar under the thumb, all of them always in view. */}
      <nav
        aria-label="Main"
        className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
      >
        <div className="mx-auto grid max-w-md" style={{ gridTemplateColumns: `repeat(${navigation.length}, minmax(0, 1fr))` }}>
          {navigation.map(({ to, label, icon: Icon }) => (
            <NavLink
              key={to}
              to={to}
              className={({ isActive }) =>
                cn(
                  'flex flex-col items-center gap-1 px-1 pt-2.5 pb-2 text-[11px] leading-4 font-medium transition-colors',
                  isActive ? 'text-accent-700' : 'text-slate-500 hover:text-slate-900',
                )
              }
            >
              {({ isActive }) => (
                <>
                  <span className={cn('flex h-7 w-12 items-center justify-center rounded-full transition-colors', isActive && 'bg-accent-50')}>
                    <Icon className="size-5" aria-hidden />
                  </span>
                  {label}
                </>
              )}
            </NavLink>
          ))}
        </div>
      </nav>
    </div>
  )
}
