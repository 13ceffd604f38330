import type { User } from '@webinar/shared/users'
import { useMe } from '../api/get-me'
import { useSetupStatus } from '../api/get-setup-status'

export type Session =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'needs-setup' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: User }

/**
 * Where the visitor stands: the installation may still need its owner, or they are signed in or not.
 * Every redirect between /setup, /login and /admin is decided from this one answer.
 */
export function useSession(): Session {
  const setupStatus = useSetupStatus()
  const me = useMe()

  if (setupStatus.isError || me.isError) {
    return {
      status: 'error',
      error: setupStatus.error ?? me.error,
      retry: () => {
        if (setupStatus.isError) void setupStatus.refetch()
        if (me.isError) void me.refetch()
      },
    }
  }
  if (setupStatus.isPending || me.isPending) return { status: 'loading' }
  if (setupStatus.data.needsSetup) return { status: 'needs-setup' }
  if (!me.data) return { status: 'signed-out' }
  return { status: 'signed-in', user: me.data.user }
}
