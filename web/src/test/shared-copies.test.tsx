import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import { accentShadesOf, accentShadeSteps } from '@webinar/shared/organisation'
import { replayLinkLabel as sharedReplayLinkLabel } from '@webinar/shared/recordings'
import { Email, PersonName } from '@webinar/shared/users'
import { describe, expect, it } from 'vitest'
import { accentStyleOf } from '@/components/layouts/public-layout'
import { emailMaxLength, personNameMaxLength } from '@/components/ui/person-fields'
import { replayLinkLabel } from '@/features/join/utils/replay-link-label'
import { csrfHeader } from '@/lib/api-request'
import { limitsOf } from '@/lib/form-validation'

// The public pages keep a few of shared/'s words and numbers as their own, so as not to download the TypeBox schemas
// those modules define (bench B6). Here they are held equal to shared/'s, which stays the one source.

describe('what the public pages copy from shared/', () => {
  it('sends the CSRF header the server expects', () => {
    expect(csrfHeader).toEqual({ name: csrfHeaderName, value: csrfHeaderValue })
  })

  it('names the replay link as the mails do', () => {
    expect(replayLinkLabel).toBe(sharedReplayLinkLabel)
  })

  it('takes names and e-mail addresses as long as the API does', () => {
    expect(personNameMaxLength).toBe(limitsOf(PersonName).maxLength)
    expect(emailMaxLength).toBe(limitsOf(Email).maxLength)
  })

  it('mixes the accent shades as the mails do', () => {
    const channels = (hex: string) => [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16))
    for (const colour of ['#0F766E', '#4f46e5', '#b91c1c', '#000000']) {
      const style = accentStyleOf(colour) as Record<string, string>
      const expected = accentShadesOf(colour)
      expect(style['--color-accent-600']).toBe(expected['600'])
      for (const step of accentShadeSteps.filter((candidate) => candidate !== '600')) {
        // color-mix(in srgb, <colour>, <toward> <p>%): the colour moved p% of the way toward white or black.
        const [, mixed, toward, percent] = /^color-mix\(in srgb, (#[0-9a-f]{6}), (#fff|#000) (\d+)%\)$/.exec(style[`--color-accent-${step}`]!)!
        const target = toward === '#fff' ? 255 : 0
        const amount = Number(percent) / 100
        const browserMix = channels(mixed!).map((channel) => channel + (target - channel) * amount)
        browserMix.forEach((channel, index) => expect(Math.abs(channel - channels(expected[step])[index]!)).toBeLessThanOrEqual(0.5))
      }
    }
  })
})
