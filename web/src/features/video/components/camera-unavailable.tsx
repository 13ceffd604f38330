import type { UnavailableReason } from '../utils/local-media'

const copy: Record<UnavailableReason, { title: string; text: string }> = {
  denied: { title: 'Camera access is blocked', text: 'Allow the camera and microphone for this site in your browser’s address bar, then reload the page.' },
  'no-camera': { title: 'No camera found', text: 'Connect a camera and reload the page. You can still take part: the chat, questions and polls work without video.' },
  unsupported: { title: 'This browser cannot open a camera here', text: 'Open the page over https in a current browser to use your camera and microphone.' },
}

/** Why there is no picture of you, and what to do about it: on the dark stage, or (`tone="light"`) in a dialog. */
export function CameraUnavailable({ reason, tone = 'dark', isCompact = false }: { reason: UnavailableReason; tone?: 'dark' | 'light'; isCompact?: boolean }) {
  const { title, text } = copy[reason]
  return (
    <div className="max-w-sm text-center">
      <p className={tone === 'dark' ? 'text-sm font-semibold text-white' : 'text-sm font-semibold text-slate-900'}>{title}</p>
      {isCompact ? null : <p className={tone === 'dark' ? 'mt-1 text-xs leading-5 text-slate-300' : 'mt-1 text-sm leading-6 text-slate-600'}>{text}</p>}
    </div>
  )
}
