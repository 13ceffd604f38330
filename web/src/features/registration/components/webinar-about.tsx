/** The description as the host typed it: plain text, line breaks kept, never interpreted as HTML. */
export function WebinarAbout({ description }: { description: string }) {
  const text = description.trim()
  if (!text) return null
  return (
    <section aria-labelledby="about-heading" className="border-t border-slate-200 pt-8">
      <h2 id="about-heading" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
        About this webinar
      </h2>
      <p className="mt-3 text-base leading-7 break-words whitespace-pre-line text-slate-700">{text}</p>
    </section>
  )
}
