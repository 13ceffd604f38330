/**
 * The file behind an emulated recording's URL: a real MP4 (H.264 Constrained Baseline in an ISO BMFF file, as
 * Stream's composite recordings are MP4s) as long as the recording, so that a browser's <video> loads, plays and
 * seeks it. There is no media in the emulator, so it shows a test card: colour bars, the time into the recording
 * and a progress bar. Written without an encoder: every changed macroblock is sent uncompressed (I_PCM) and every
 * other one skipped, which H.264 allows, so the file stays small (the picture hardly changes).
 */

const width = 320
const height = 180
const widthInMbs = width / 16
const heightInMbs = Math.ceil(height / 16)
const codedHeight = heightInMbs * 16
const mbCount = widthInMbs * heightInMbs
const framesPerSecond = 1
/** Longer recordings are cut to this length: a test card of hours shows nothing more. */
const maxSeconds = 2 * 3600

interface Colour {
  y: number
  cb: number
  cr: number
}

// BT.601 studio range, 75 % bars.
const bars: Colour[] = [
  { y: 180, cb: 128, cr: 128 },
  { y: 162, cb: 44, cr: 142 },
  { y: 131, cb: 156, cr: 44 },
  { y: 112, cb: 72, cr: 58 },
  { y: 84, cb: 184, cr: 198 },
  { y: 65, cb: 100, cr: 212 },
  { y: 35, cb: 212, cr: 114 },
]
const greySteps: Colour[] = [16, 52, 89, 126, 162, 199, 235].map((y) => ({ y, cb: 128, cr: 128 }))
const band: Colour = { y: 28, cb: 128, cr: 128 }
const digitColour: Colour = { y: 225, cb: 128, cr: 128 }
const trackColour: Colour = { y: 60, cb: 128, cr: 128 }
const progressColour: Colour = { y: 90, cb: 180, cr: 120 }
// Colour bars above, grey steps below, and between them (where a player's controls do not cover it) the band
// with the time and the progress bar: the only part that changes, a macroblock row apart from the rest.
const bandTop = 64
const bandBottom = 112

/** One picture, Y at full resolution, Cb and Cr at half (4:2:0), over the coded height. */
class Picture {
  readonly luma = new Uint8Array(width * codedHeight)
  readonly cb = new Uint8Array((width / 2) * (codedHeight / 2))
  readonly cr = new Uint8Array((width / 2) * (codedHeight / 2))

  fill(x0: number, y0: number, x1: number, y1: number, colour: Colour): void {
    for (let y = Math.max(0, y0); y < Math.min(codedHeight, y1); y++) this.luma.fill(colour.y, y * width + Math.max(0, x0), y * width + Math.min(width, x1))
    for (let y = Math.max(0, y0 >> 1); y < Math.min(codedHeight / 2, (y1 + 1) >> 1); y++) {
      const from = y * (width / 2) + Math.max(0, x0 >> 1)
      const to = y * (width / 2) + Math.min(width / 2, (x1 + 1) >> 1)
      this.cb.fill(colour.cb, from, to)
      this.cr.fill(colour.cr, from, to)
    }
  }

  /** The macroblock's 384 samples in PCM order: 16×16 luma, then 8×8 Cb, then 8×8 Cr, each row by row. */
  macroblock(index: number, into: Uint8Array): void {
    const mbX = (index % widthInMbs) * 16
    const mbY = Math.floor(index / widthInMbs) * 16
    for (let row = 0; row < 16; row++) into.set(this.luma.subarray((mbY + row) * width + mbX, (mbY + row) * width + mbX + 16), row * 16)
    for (let row = 0; row < 8; row++) {
      const start = (mbY / 2 + row) * (width / 2) + mbX / 2
      into.set(this.cb.subarray(start, start + 8), 256 + row * 8)
      into.set(this.cr.subarray(start, start + 8), 320 + row * 8)
    }
  }
}

// Seven-segment digits: which of the segments a (top), b, c, d (bottom), e, f, g (middle) each lights.
const segmentsOf = ['abcdef', 'bc', 'abdeg', 'abcdg', 'bcfg', 'acdfg', 'acdefg', 'abc', 'abcdefg', 'abcdfg']
const digitWidth = 14
const digitHeight = 26
const stroke = 3

function drawDigit(picture: Picture, x: number, y: number, digit: number): void {
  const middle = y + Math.floor((digitHeight - stroke) / 2)
  const segment: Record<string, [number, number, number, number]> = {
    a: [x, y, x + digitWidth, y + stroke],
    b: [x + digitWidth - stroke, y, x + digitWidth, middle + stroke],
    c: [x + digitWidth - stroke, middle, x + digitWidth, y + digitHeight],
    d: [x, y + digitHeight - stroke, x + digitWidth, y + digitHeight],
    e: [x, middle, x + stroke, y + digitHeight],
    f: [x, y, x + stroke, middle + stroke],
    g: [x, middle, x + digitWidth, middle + stroke],
  }
  for (const name of segmentsOf[digit]!) {
    const [x0, y0, x1, y1] = segment[name]!
    picture.fill(x0, y0, x1, y1, digitColour)
  }
}

/** The lower band at `second` of `totalSeconds`: "m:ss" (or "h:mm:ss") into the recording, and how far along it is. */
function drawBand(picture: Picture, second: number, totalSeconds: number): void {
  picture.fill(0, bandTop, width, bandBottom, band)
  const hours = Math.floor(second / 3600)
  const minutes = Math.floor((second % 3600) / 60)
  const seconds = second % 60
  const text = hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}` : `${minutes}:${String(seconds).padStart(2, '0')}`
  const advance = digitWidth + 6
  const colonAdvance = 10
  const textWidth = [...text].reduce((sum, character) => sum + (character === ':' ? colonAdvance : advance), 0)
  let x = Math.round((width - textWidth) / 2)
  const y = bandTop + 8
  for (const character of text) {
    if (character === ':') {
      picture.fill(x + 2, y + 6, x + 2 + stroke, y + 6 + stroke, digitColour)
      picture.fill(x + 2, y + 17, x + 2 + stroke, y + 17 + stroke, digitColour)
      x += colonAdvance
    } else {
      drawDigit(picture, x, y, Number(character))
      x += advance
    }
  }
  const trackLeft = 16
  const trackRight = width - 16
  picture.fill(trackLeft, bandBottom - 9, trackRight, bandBottom - 5, trackColour)
  const filled = totalSeconds <= 1 ? trackRight - trackLeft : Math.round(((trackRight - trackLeft) * second) / (totalSeconds - 1))
  picture.fill(trackLeft, bandBottom - 9, trackLeft + filled, bandBottom - 5, progressColour)
}

/** Writes an RBSP bit by bit (Exp-Golomb codes, flags, PCM bytes once aligned). */
class BitWriter {
  private bytes = new Uint8Array(1024)
  private length = 0
  private current = 0
  private bitCount = 0

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    this.bytes[this.length++] = byte
  }

  bits(value: number, count: number): void {
    for (let bit = count - 1; bit >= 0; bit--) {
      this.current = (this.current << 1) | ((value >>> bit) & 1)
      if (++this.bitCount === 8) {
        this.push(this.current)
        this.current = 0
        this.bitCount = 0
      }
    }
  }

  flag(value: boolean): void {
    this.bits(value ? 1 : 0, 1)
  }

  /** ue(v) */
  unsigned(value: number): void {
    const coded = value + 1
    const size = Math.floor(Math.log2(coded))
    this.bits(0, size)
    this.bits(coded, size + 1)
  }

  /** se(v) */
  signed(value: number): void {
    this.unsigned(value > 0 ? 2 * value - 1 : -2 * value)
  }

  alignWithZeros(): void {
    if (this.bitCount > 0) this.bits(0, 8 - this.bitCount)
  }

  alignedBytes(bytes: Uint8Array): void {
    for (const byte of bytes) this.push(byte)
  }

  /** rbsp_trailing_bits: a one, then zeros to the byte boundary. */
  finish(): Uint8Array {
    this.bits(1, 1)
    this.alignWithZeros()
    return this.bytes.slice(0, this.length)
  }
}

/** A NAL unit: its header, then the RBSP with emulation prevention (00 00 0x becomes 00 00 03 0x for x ≤ 3). */
function nalUnit(refIdc: number, type: number, rbsp: Uint8Array): Uint8Array {
  const out: number[] = [(refIdc << 5) | type]
  let zeros = 0
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out.push(3)
      zeros = 0
    }
    out.push(byte)
    zeros = byte === 0 ? zeros + 1 : 0
  }
  return Uint8Array.from(out)
}

const profileIdc = 66 // Baseline, with constraint_set0 and 1: Constrained Baseline
const constraintFlags = 0b11000000
const levelIdc = 30
const log2MaxFrameNum = 16

function sequenceParameterSet(): Uint8Array {
  const rbsp = new BitWriter()
  rbsp.bits(profileIdc, 8)
  rbsp.bits(constraintFlags, 8)
  rbsp.bits(levelIdc, 8)
  rbsp.unsigned(0) // seq_parameter_set_id
  rbsp.unsigned(log2MaxFrameNum - 4)
  rbsp.unsigned(2) // pic_order_cnt_type 2: output in decoding order
  rbsp.unsigned(1) // max_num_ref_frames
  rbsp.flag(false) // gaps_in_frame_num_value_allowed_flag
  rbsp.unsigned(widthInMbs - 1)
  rbsp.unsigned(heightInMbs - 1)
  rbsp.flag(true) // frame_mbs_only_flag
  rbsp.flag(true) // direct_8x8_inference_flag
  const cropBottom = (codedHeight - height) / 2 // in chroma rows (4:2:0)
  rbsp.flag(cropBottom > 0)
  if (cropBottom > 0) {
    rbsp.unsigned(0)
    rbsp.unsigned(0)
    rbsp.unsigned(0)
    rbsp.unsigned(cropBottom)
  }
  rbsp.flag(true) // vui_parameters_present_flag: only to say that no picture waits for another
  for (let flag = 0; flag < 8; flag++) rbsp.flag(false) // aspect ratio … pic_struct: none
  rbsp.flag(true) // bitstream_restriction_flag
  rbsp.flag(true) // motion_vectors_over_pic_boundaries_flag
  rbsp.unsigned(0) // max_bytes_per_pic_denom
  rbsp.unsigned(0) // max_bits_per_mb_denom
  rbsp.unsigned(15) // log2_max_mv_length_horizontal
  rbsp.unsigned(15) // log2_max_mv_length_vertical
  rbsp.unsigned(0) // max_num_reorder_frames
  rbsp.unsigned(1) // max_dec_frame_buffering
  return nalUnit(3, 7, rbsp.finish())
}

function pictureParameterSet(): Uint8Array {
  const rbsp = new BitWriter()
  rbsp.unsigned(0) // pic_parameter_set_id
  rbsp.unsigned(0) // seq_parameter_set_id
  rbsp.flag(false) // entropy_coding_mode_flag: CAVLC
  rbsp.flag(false) // bottom_field_pic_order_in_frame_present_flag
  rbsp.unsigned(0) // num_slice_groups_minus1
  rbsp.unsigned(0) // num_ref_idx_l0_default_active_minus1
  rbsp.unsigned(0) // num_ref_idx_l1_default_active_minus1
  rbsp.flag(false) // weighted_pred_flag
  rbsp.bits(0, 2) // weighted_bipred_idc
  rbsp.signed(0) // pic_init_qp_minus26
  rbsp.signed(0) // pic_init_qs_minus26
  rbsp.signed(0) // chroma_qp_index_offset
  rbsp.flag(true) // deblocking_filter_control_present_flag: slices turn it off
  rbsp.flag(false) // constrained_intra_pred_flag
  rbsp.flag(false) // redundant_pic_cnt_present_flag
  return nalUnit(3, 8, rbsp.finish())
}

const iPcmInISlice = 25
const iPcmInPSlice = 5 + iPcmInISlice

/** A picture as one slice: every macroblock in `coded` sent as I_PCM, the others (P pictures only) skipped. */
function slice(picture: Picture, frameNumber: number, isIdr: boolean, coded: (index: number) => boolean): Uint8Array {
  const rbsp = new BitWriter()
  rbsp.unsigned(0) // first_mb_in_slice
  rbsp.unsigned(isIdr ? 7 : 5) // slice_type: I or P, as every slice of the picture
  rbsp.unsigned(0) // pic_parameter_set_id
  rbsp.bits(isIdr ? 0 : frameNumber % (1 << log2MaxFrameNum), log2MaxFrameNum)
  if (isIdr) rbsp.unsigned(0) // idr_pic_id
  else {
    rbsp.flag(false) // num_ref_idx_active_override_flag
    rbsp.flag(false) // ref_pic_list_modification_flag_l0
  }
  if (isIdr) {
    rbsp.flag(false) // no_output_of_prior_pics_flag
    rbsp.flag(false) // long_term_reference_flag
  } else rbsp.flag(false) // adaptive_ref_pic_marking_mode_flag
  rbsp.signed(0) // slice_qp_delta
  rbsp.unsigned(1) // disable_deblocking_filter_idc: samples are sent as they are

  const samples = new Uint8Array(384)
  let skipped = 0
  for (let index = 0; index < mbCount; index++) {
    if (!isIdr && !coded(index)) {
      skipped++
      continue
    }
    if (!isIdr) {
      rbsp.unsigned(skipped) // mb_skip_run
      skipped = 0
    }
    rbsp.unsigned(isIdr ? iPcmInISlice : iPcmInPSlice)
    rbsp.alignWithZeros() // pcm_alignment_zero_bit
    picture.macroblock(index, samples)
    rbsp.alignedBytes(samples)
  }
  if (!isIdr && skipped > 0) rbsp.unsigned(skipped)
  return isIdr ? nalUnit(3, 5, rbsp.finish()) : nalUnit(2, 1, rbsp.finish())
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4)
  new DataView(bytes.buffer).setUint32(0, value)
  return bytes
}

function u16(value: number): Uint8Array {
  return Uint8Array.of((value >> 8) & 0xff, value & 0xff)
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function box(type: string, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content)
  return concat([u32(8 + body.length), new TextEncoder().encode(type), body])
}

function fullBox(type: string, version: number, flags: number, ...content: Uint8Array[]): Uint8Array {
  return box(type, Uint8Array.of(version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff), ...content)
}

const zeros = (count: number) => new Uint8Array(count)
const unityMatrix = concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32))

/** The MP4 of a recording `durationMs` long (whole seconds, at least one). */
export function recordingMp4(durationMs: number): Buffer {
  const frameCount = Math.min(maxSeconds, Math.max(1, Math.round(durationMs / 1000))) * framesPerSecond
  const sps = sequenceParameterSet()
  const pps = pictureParameterSet()

  const samples: Uint8Array[] = []
  const picture = new Picture()
  for (let bar = 0; bar < bars.length; bar++) {
    picture.fill(Math.round((bar * width) / bars.length), 0, Math.round(((bar + 1) * width) / bars.length), bandTop, bars[bar]!)
  }
  for (let step = 0; step < greySteps.length; step++) {
    picture.fill(Math.round((step * width) / greySteps.length), bandBottom, Math.round(((step + 1) * width) / greySteps.length), codedHeight, greySteps[step]!)
  }
  drawBand(picture, 0, frameCount)
  samples.push(slice(picture, 0, true, () => true))
  const previous = Buffer.alloc(384)
  const current = Buffer.alloc(384)
  const firstBandMb = (bandTop / 16) * widthInMbs
  const lastBandMb = (bandBottom / 16) * widthInMbs
  for (let frame = 1; frame < frameCount; frame++) {
    const before = new Picture()
    before.luma.set(picture.luma)
    before.cb.set(picture.cb)
    before.cr.set(picture.cr)
    drawBand(picture, frame, frameCount)
    const changed = new Set<number>()
    for (let index = firstBandMb; index < lastBandMb; index++) {
      before.macroblock(index, previous)
      picture.macroblock(index, current)
      if (!previous.equals(current)) changed.add(index)
    }
    samples.push(slice(picture, frame, false, (index) => changed.has(index)))
  }
  const lengthPrefixed = samples.map((nal) => concat([u32(nal.length), nal]))

  const timescale = 1000
  const sampleDuration = timescale / framesPerSecond
  const duration = frameCount * sampleDuration
  const ftyp = box('ftyp', new TextEncoder().encode('isom'), u32(0x200), new TextEncoder().encode('isomiso2avc1mp41'))
  const compressorName = new Uint8Array(32)
  const moovWithOffset = (chunkOffset: number) =>
    box(
      'moov',
      fullBox('mvhd', 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u32(0x00010000), u16(0x0100), zeros(10), unityMatrix, zeros(24), u32(2)),
      box(
        'trak',
        fullBox('tkhd', 0, 3, u32(0), u32(0), u32(1), zeros(4), u32(duration), zeros(8), u16(0), u16(0), u16(0), zeros(2), unityMatrix, u32(width << 16), u32(height << 16)),
        box(
          'mdia',
          fullBox('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0)),
          fullBox('hdlr', 0, 0, zeros(4), new TextEncoder().encode('vide'), zeros(12), new TextEncoder().encode('VideoHandler\0')),
          box(
            'minf',
            fullBox('vmhd', 0, 1, zeros(8)),
            box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
            box(
              'stbl',
              fullBox(
                'stsd',
                0,
                0,
                u32(1),
                box(
                  'avc1',
                  zeros(6),
                  u16(1),
                  zeros(16),
                  u16(width),
                  u16(height),
                  u32(0x00480000),
                  u32(0x00480000),
                  zeros(4),
                  u16(1),
                  compressorName,
                  u16(0x0018),
                  u16(0xffff),
                  box('avcC', Uint8Array.of(1, sps[1]!, sps[2]!, sps[3]!, 0xff, 0xe1), u16(sps.length), sps, Uint8Array.of(1), u16(pps.length), pps),
                ),
              ),
              fullBox('stts', 0, 0, u32(1), u32(frameCount), u32(sampleDuration)),
              fullBox('stss', 0, 0, u32(1), u32(1)),
              fullBox('stsc', 0, 0, u32(1), u32(1), u32(frameCount), u32(1)),
              fullBox('stsz', 0, 0, u32(0), u32(frameCount), ...lengthPrefixed.map((sample) => u32(sample.length))),
              fullBox('stco', 0, 0, u32(1), u32(chunkOffset)),
            ),
          ),
        ),
      ),
    )
  // The sample table sits before the samples (a "fast start" file: playback begins before the whole file is in).
  const moovLength = moovWithOffset(0).length
  const moov = moovWithOffset(ftyp.length + moovLength + 8)
  const mdat = box('mdat', ...lengthPrefixed)
  return Buffer.from(concat([ftyp, moov, mdat]))
}

/**
 * The part of a file of `size` bytes that a `Range` header asks for (one range, as media players ask), inclusive;
 * `whole` without a header or with one this does not read, `unsatisfiable` for a range outside the file (416).
 */
export function requestedRange(header: string | undefined, size: number): { start: number; end: number } | 'whole' | 'unsatisfiable' {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return 'whole'
  if (match[1] === '') {
    const suffix = Number(match[2])
    return suffix === 0 ? 'unsatisfiable' : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  return start >= size || start > end ? 'unsatisfiable' : { start, end }
}
