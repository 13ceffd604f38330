import type { User } from '@webinar/shared/users'
import { useState } from 'react'
import { useMe } from '../api/get-me'

/**
 * The signed-in user, for pages rendered inside RequireSignedIn (which has already loaded it). When the session
 * ends, a page can render once more (say, for the refused request that ended it) before RequireSignedIn leaves
 * it for the sign-in page: it keeps the user it had until then rather than failing.
 */
export function useCurrentUser(): User {
  const { data } = useMe()
  const [lastUser, setLastUser] = useState(data?.user)
  if (data && data.user !== lastUser) setLastUser(data.user)
  const user = data?.user ?? lastUser
  if (!user) throw new Error('useCurrentUser is only for pages behind RequireSignedIn')
  return user
}
