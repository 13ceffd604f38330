import type { User } from '@webinar/shared/users'
import { useMe } from '../api/get-me'

/** The signed-in user, for pages rendered inside RequireSignedIn (which has already loaded it). */
export function useCurrentUser(): User {
  const { data } = useMe()
  if (!data) throw new Error('useCurrentUser is only for pages behind RequireSignedIn')
  return data.user
}
