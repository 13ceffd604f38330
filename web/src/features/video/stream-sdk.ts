// The one door to Stream's browser SDK: everything the app uses from it passes through here, so tests replace
// this module (vi.mock) instead of the SDK, and only the lazily loaded Stream views import it.
export {
  CallingState,
  DeviceSettings,
  RecordCallButton,
  ScreenShareButton,
  SpeakerLayout,
  StreamCall,
  StreamTheme,
  StreamVideo,
  StreamVideoClient,
  ToggleAudioPublishingButton,
  ToggleVideoPublishingButton,
  useCallStateHooks,
  type Call,
  type StreamVideoParticipant,
} from '@stream-io/video-react-sdk'
