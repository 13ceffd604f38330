/** The red "Live" pill with its pulsing dot: the same sign wherever a webinar is on air. */
export function LiveBadge() {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full bg-red-600 px-2.5 py-0.5 text-xs font-semibold text-white">
      <span aria-hidden className="relative flex size-2">
        <span className="absolute inline-flex size-full animate-ping rounded-full bg-white/80" />
        <span className="relative inline-flex size-2 rounded-full bg-white" />
      </span>
      Live
    </span>
  )
}
