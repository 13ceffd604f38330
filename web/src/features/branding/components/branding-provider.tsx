import type { ReactNode } from 'react'
import { PublicBrandContext } from '@/components/layouts/public-layout'
import { useBranding } from '../api/branding-query'

/**
 * Hands the organisation's branding to the public pages' layout (which, as shared UI, knows no feature). Asked
 * for as the app starts, so it is usually there before a public page's own data.
 */
export function BrandingProvider({ children }: { children: ReactNode }) {
  const branding = useBranding()
  return <PublicBrandContext value={branding.isSuccess ? branding.data : branding.isError ? 'unavailable' : 'loading'}>{children}</PublicBrandContext>
}
