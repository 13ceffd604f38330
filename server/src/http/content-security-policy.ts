/**
 * The Content-Security-Policy directives for everything the app serves: the SPA's own origin, plus exactly the
 * Stream hosts the Video SDK and the HLS player reach from the browser, nothing else.
 *
 * Where those hosts come from (@stream-io/video-client):
 * - the coordinator API and its WebSocket: `https://video.stream-io-api.com/video` and the same with `wss:`
 *   (the browser client's default base URL; STREAM_BASE_URL only moves the server's node-sdk);
 * - the location hint fetched before joining: `https://hint.stream-io-video.com/`;
 * - the SFUs a join response names (HTTP signalling and a WebSocket each), on edges under `stream-io-video.com`;
 * - HLS playlists, segments and recordings, which the player fetches (connect-src) and plays (media-src from
 *   blob:), on Stream's CDN under `stream-io-cdn.com`.
 * Media itself flows over WebRTC (ICE/TURN), which CSP does not govern. In local mode the emulator is mounted on
 * the app's own origin, so 'self' covers it. A deployment that needs more (another CDN in front of recordings)
 * adds origins with CSP_EXTRA_SOURCES rather than loosening the list for everyone.
 */
export const streamBrowserSources = {
  connect: [
    'https://video.stream-io-api.com',
    'wss://video.stream-io-api.com',
    'https://hint.stream-io-video.com',
    'https://*.stream-io-video.com',
    'wss://*.stream-io-video.com',
    'https://*.stream-io-cdn.com',
  ],
  media: ['https://*.stream-io-cdn.com'],
}

export function contentSecurityDirectives(options: { isServedOverHttps: boolean; extraSources: string[] }) {
  const { isServedOverHttps, extraSources } = options
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    // The SDK and React set style attributes on elements (positions, aspect ratios) at run time.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', ...streamBrowserSources.media, ...extraSources],
    'connect-src': ["'self'", ...streamBrowserSources.connect, ...extraSources],
    // hls.js runs its transmuxer in a worker made from a blob.
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    // Nobody frames the app: no clickjacking of the studio's Start button or the admin pages.
    'frame-ancestors': ["'none'"],
    'upgrade-insecure-requests': isServedOverHttps ? [] : null,
  }
}
