import { Mic } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Select } from '@/components/ui/select'
import { Spinner } from '@/components/ui/spinner'
import { useCameraPreview } from '../hooks/use-camera-preview'
import { useMediaDevices } from '../hooks/use-media-devices'
import { useMicrophoneLevel } from '../hooks/use-microphone-level'
import type { MediaDeviceChoice } from '../utils/local-media'
import { CameraUnavailable } from './camera-unavailable'
import { CameraVideo } from './camera-video'

export type { MediaDeviceChoice }

const levelBars = 12

function MicrophoneLevel({ stream }: { stream: MediaStream | null }) {
  const level = useMicrophoneLevel(stream)
  const lit = Math.round(level * levelBars)
  return (
    <div className="flex items-center gap-2" aria-hidden>
      <Mic className="size-4 text-slate-500" />
      <div className="flex h-3 flex-1 items-end gap-0.5">
        {Array.from({ length: levelBars }, (_, index) => (
          <span key={index} className={index < lit ? 'h-full flex-1 rounded-sm bg-emerald-500' : 'h-full flex-1 rounded-sm bg-slate-200'} />
        ))}
      </div>
    </div>
  )
}

const deviceIdOf = (track: MediaStreamTrack | undefined) => track?.getSettings().deviceId ?? null

function DeviceCheck({ onJoin }: { onJoin: (devices: MediaDeviceChoice) => void }) {
  const [choice, setChoice] = useState<MediaDeviceChoice>({ cameraId: null, microphoneId: null })
  const media = useCameraPreview({ devices: choice })
  const { preview, stream } = media
  const { cameras, microphones } = useMediaDevices(preview.status === 'ready')
  // Until one is picked, the lists show the devices the browser opened.
  const cameraId = choice.cameraId ?? deviceIdOf(stream?.getVideoTracks()[0]) ?? ''
  const microphoneId = choice.microphoneId ?? deviceIdOf(stream?.getAudioTracks()[0]) ?? ''

  return (
    <div className="space-y-5">
      <div className="relative flex aspect-video items-center justify-center overflow-hidden rounded-xl bg-slate-900">
        {preview.status === 'starting' ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
            <Spinner className="size-5" /> Starting your camera…
          </p>
        ) : null}
        {preview.status === 'unavailable' ? <CameraUnavailable reason={preview.reason} /> : null}
        {stream && media.hasCamera ? <CameraVideo stream={stream} className="absolute inset-0" /> : null}
        {stream && !media.hasCamera ? <p className="text-sm text-slate-300">No camera: you will be heard, not seen.</p> : null}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Camera">
          {(control) => (
            <Select {...control} value={cameraId} disabled={cameras.length === 0} onChange={(event) => setChoice((current) => ({ ...current, cameraId: event.target.value || null }))}>
              {cameras.length === 0 ? <option value="">No camera found</option> : null}
              {cameras.map((camera, index) => (
                <option key={camera.deviceId} value={camera.deviceId}>
                  {camera.label || `Camera ${index + 1}`}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Microphone" hint={media.hasMic ? 'Say something: the bars move when you are heard.' : undefined}>
          {(control) => (
            <div className="space-y-2">
              <Select
                {...control}
                value={microphoneId}
                disabled={microphones.length === 0}
                onChange={(event) => setChoice((current) => ({ ...current, microphoneId: event.target.value || null }))}
              >
                {microphones.length === 0 ? <option value="">No microphone found</option> : null}
                {microphones.map((microphone, index) => (
                  <option key={microphone.deviceId} value={microphone.deviceId}>
                    {microphone.label || `Microphone ${index + 1}`}
                  </option>
                ))}
              </Select>
              <MicrophoneLevel stream={stream} />
            </div>
          )}
        </Field>
      </div>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">Not now</Button>
        </DialogClose>
        <Button disabled={preview.status === 'starting'} onClick={() => onJoin({ cameraId: cameraId || null, microphoneId: microphoneId || null })}>
          Join the stage
        </Button>
      </div>
    </div>
  )
}

/**
 * Before an attendee goes on stage: their camera as others will see it, the camera and microphone to use (with a
 * level meter), and the one button that puts them on. Closing it keeps their place: they can come back to it.
 */
export function DeviceCheckDialog({ open, onOpenChange, onJoin }: { open: boolean; onOpenChange: (open: boolean) => void; onJoin: (devices: MediaDeviceChoice) => void }) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="You’re invited on stage" description="Check your camera and microphone. Everyone in the webinar sees and hears you once you join the stage.">
        {/* Radix unmounts the content when closed: the camera is only open while the dialog is. */}
        <DeviceCheck onJoin={onJoin} />
      </DialogContent>
    </Dialog>
  )
}
