import { Navigate } from 'react-router'

export function AdminIndexRoute() {
  return <Navigate to="/admin/webinars" replace />
}
