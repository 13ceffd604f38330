import { describe, expect, it } from 'vitest'
import { accentShadesOf, contrastRatio, isReadableAccent } from '../src/organisation.ts'

describe('accent colours', () => {
  it('measure contrast as WCAG 2 does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
    // Order does not matter; the default indigo-600 against white is 6.29:1.
    expect(contrastRatio('#ffffff', '#4f46e5')).toBeCloseTo(contrastRatio('#4f46e5', '#ffffff'), 10)
    expect(contrastRatio('#4f46e5', '#ffffff')).toBeCloseTo(6.29, 2)
  })

  it('take a colour for buttons with white text from 4.5:1 on', () => {
    // #767676 is the lightest grey with 4.5:1 against white; #777777 just misses.
    expect(isReadableAccent('#767676')).toBe(true)
    expect(isReadableAccent('#777777')).toBe(false)
    expect(isReadableAccent('#FFFF00')).toBe(false)
    expect(isReadableAccent('#0f766e')).toBe(true)
  })

  it('make shades from one colour: the colour at 600, lighter towards white, darker towards black', () => {
    const shades = accentShadesOf('#0F766E')
    expect(shades['600']).toBe('#0f766e')
    const luminanceOrder = (['50', '100', '200', '300', '500', '600', '700', '800'] as const).map((step) => contrastRatio(shades[step], '#000000'))
    expect([...luminanceOrder].sort((a, b) => b - a)).toEqual(luminanceOrder)
    expect(shades['50']).toMatch(/^#[0-9a-f]{6}$/)
    // Links in the darker shades stay readable on the lightest tint.
    expect(contrastRatio(shades['700'], shades['50'])).toBeGreaterThan(4.5)
  })
})
