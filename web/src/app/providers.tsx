import { ErrorCode } from '@webinar/shared/errors'
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { Toaster } from 'sonner'
import { twMerge } from 'tailwind-merge'
import { forgetEndedSession } from '@/features/auth/api/get-me'
import { ApiError } from '@/lib/api-error'
import { mergeClassesWith } from '@/lib/cn'

// Callers of the app's components may override their default classes (lib/cn.ts); the public pages need not.
mergeClassesWith(twMerge)

function createQueryClient(): QueryClient {
  // A 401 "unauthenticated" from any request means the session is over (forgetEndedSession says what follows).
  // Wrong credentials on the login form are 401 too, but with their own code, and stay on the form.
  const forgetSessionIfEnded = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && error.code === ErrorCode.unauthenticated) {
      forgetEndedSession(queryClient, error.message)
    }
  }
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: forgetSessionIfEnded }),
    mutationCache: new MutationCache({ onError: forgetSessionIfEnded }),
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; network blips and 5xx might.
        retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 30 * 1000,
      },
    },
  })
  return queryClient
}

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient)
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/*
        Top centre, where no page puts a field: the bottom corner sat on the studio's chat input. On wide screens
        just under the sticky bars (admin header 64px, studio bar about 70px), so navigation stays clickable; on
        phones over the top bar's first row, like the system's own notifications, clear of the admin tab bar
        and of the studio's buttons and chat further down.
      */}
      <Toaster
        position="top-center"
        richColors
        closeButton
        offset={{ top: 80 }}
        mobileOffset={{ top: 12 }}
        toastOptions={{ className: 'font-sans' }}
      />
    </QueryClientProvider>
  )
}
