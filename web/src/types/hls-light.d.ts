// hls.js ships its light build (no DRM, subtitles or alternate audio) without types of its own: same API.
declare module 'hls.js/light' {
  export * from 'hls.js'
  export { default } from 'hls.js'
}
