import type { JoinView } from '@webinar/shared/registrations'

/** Which webinar, and whose link this is: the name is shown exactly as typed, as text. */
export function JoinHeader({ view }: { view: JoinView }) {
  return (
    <div className="mb-6">
      <p className="text-sm font-medium text-accent-700">Your registration</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-balance break-words text-slate-900 sm:text-3xl">{view.webinar.title}</h1>
      <p className="mt-2 text-sm break-words text-slate-600">
        Registered as <span className="font-medium text-slate-900">{view.registration.name}</span>
      </p>
      <p className="text-sm wrap-anywhere text-slate-500">{view.registration.email}</p>
    </div>
  )
}
