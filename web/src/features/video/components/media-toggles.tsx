import { Camera, CameraOff, Mic, MicOff, MonitorUp, Settings2 } from 'lucide-react'
import type { CameraPreview } from '../hooks/use-camera-preview'
import { VideoToggle } from './video-controls'

/**
 * Microphone and camera switches for one's own local media, and (`hasStreamOnlyTools`, in a studio) the screen
 * sharing and device settings a broadcast through Stream adds, shown disabled so nobody looks for them.
 */
export function MediaToggles({ media, hasStreamOnlyTools = false }: { media: CameraPreview; hasStreamOnlyTools?: boolean }) {
  const { hasMic, hasCamera, isMicOn, isCameraOn } = media
  return (
    <>
      <VideoToggle
        isOn={isMicOn && hasMic}
        isDisabled={!hasMic}
        onLabel="Mute microphone"
        offLabel={hasMic ? 'Unmute microphone' : 'No microphone'}
        onIcon={<Mic className="size-5" aria-hidden />}
        offIcon={<MicOff className="size-5" aria-hidden />}
        onToggle={media.toggleMic}
      />
      <VideoToggle
        isOn={isCameraOn && hasCamera}
        isDisabled={!hasCamera}
        onLabel="Turn camera off"
        offLabel={hasCamera ? 'Turn camera on' : 'No camera'}
        onIcon={<Camera className="size-5" aria-hidden />}
        offIcon={<CameraOff className="size-5" aria-hidden />}
        onToggle={media.toggleCamera}
      />
      {hasStreamOnlyTools ? (
        <>
          <VideoToggle
            isOn
            isDisabled
            onLabel="Screen sharing needs Stream"
            offLabel="Screen sharing needs Stream"
            onIcon={<MonitorUp className="size-5" aria-hidden />}
            offIcon={<MonitorUp className="size-5" aria-hidden />}
            onToggle={() => {}}
          />
          <VideoToggle
            isOn
            isDisabled
            onLabel="Device settings need Stream"
            offLabel="Device settings need Stream"
            onIcon={<Settings2 className="size-5" aria-hidden />}
            offIcon={<Settings2 className="size-5" aria-hidden />}
            onToggle={() => {}}
          />
        </>
      ) : null}
    </>
  )
}
