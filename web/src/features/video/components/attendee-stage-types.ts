import type { ReactNode } from 'react'
import type { MediaDeviceChoice } from '../utils/local-media'

/** Where this attendee stands on the stage: on it (the host accepted, and they passed the device check) or not. */
export interface AttendeeStagePresence {
  isOnStage: boolean
  /** The camera and microphone chosen in the device check. */
  devices: MediaDeviceChoice
}

/** What the call lets the room's stage controls do, in the mode the room plays (local, or Stream's SDK). */
export interface AttendeeCallActions {
  /** Raises the hand: Stream's request to send audio and video; the host sees it a moment later. */
  requestToSpeak: () => Promise<void>
}

/** The controls under the attendee's stage (raise a hand…), given what the call can do. */
export type RenderStageControls = (actions: AttendeeCallActions) => ReactNode
