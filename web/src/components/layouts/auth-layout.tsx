import type { ReactNode } from 'react'
import { Card } from '@/components/ui/card'
import { Logo } from '@/components/ui/logo'

/** The calm, centred frame of the pages before sign-in (set-up and login). */
export function AuthLayout({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-accent-50/70 via-slate-50 to-slate-50">
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col justify-center px-4 py-10 sm:py-16">
        <div className="mb-8 flex justify-center">
          <Logo className="text-lg" />
        </div>
        <Card className="px-5 py-7 sm:px-8 sm:py-9">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description ? <p className="mt-2 text-sm leading-6 text-slate-600">{description}</p> : null}
          <div className="mt-7">{children}</div>
        </Card>
        {footer ? <div className="mt-6 text-center text-sm text-slate-500">{footer}</div> : null}
      </main>
    </div>
  )
}
