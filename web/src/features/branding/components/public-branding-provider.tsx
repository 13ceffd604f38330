import type { ReactNode } from 'react'
import { PublicBrandContext } from '@/components/layouts/public-layout'
import { usePublicQuery } from '@/lib/public-query'
import { getBranding } from '../api/get-branding'

/**
 * BrandingProvider for the public app (app/public-app.tsx), which has no react-query: the same branding, asked
 * for as the page starts, so it is usually there before the page's own data.
 */
export function PublicBrandingProvider({ children }: { children: ReactNode }) {
  const branding = usePublicQuery('branding', getBranding)
  return <PublicBrandContext value={branding.isSuccess ? branding.data : branding.isError ? 'unavailable' : 'loading'}>{children}</PublicBrandContext>
}
