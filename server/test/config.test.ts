import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.ts'

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('configuration', () => {
  it('has working defaults for local mode', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, publicUrl: 'http://localhost:3000', isSecureCookie: false })
    expect(config.dataDir).toMatch(/\.data$/)
  })

  it('lists every problem at once, readably', () => {
    let thrown: unknown
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    const problems = (thrown as ConfigError).problems.join('\n')
    expect(problems).toContain('PORT: must be integer (got "eighty")')
    expect(problems).toContain('DATABASE_URL')
    expect(problems).toContain('LOG_LEVEL: must be equal to one of the allowed values (fatal, error, warn, info, debug, trace, silent)')
    expect(problems).toContain('SESSION_SECRET')
  })

  it('treats empty variables as unset and derives secure cookies from an https public URL', () => {
    const config = loadConfig({ DATABASE_URL: '', PUBLIC_URL: 'https://webinars.example.com/' })
    expect(config.databaseUrl).toBeUndefined()
    expect(config.publicUrl).toBe('https://webinars.example.com')
    expect(config.isSecureCookie).toBe(true)
  })

  it('refuses placeholder, short and repetitive session secrets at start-up, saying how to make one, without echoing them', () => {
    const refused = [
      'change-me-to-a-long-random-string-of-32-chars',
      'CHANGE_ME_please_0123456789abcdefghijklmnop',
      'changeme',
      'secret',
      'password',
      'your-secret-here-and-make-it-long-enough-ok',
      'short-but-random-Zx8q',
      'a'.repeat(48),
      'abcabcabcabcabcabcabcabcabcabcabcabc',
      '0123456789012345678901234567890123456789',
    ]
    for (const secret of refused) {
      const problems = problemsOf({ SESSION_SECRET: secret })
      expect(problems, secret).toHaveLength(1)
      expect(problems[0]).toMatch(/^SESSION_SECRET: /)
      expect(problems[0]).toContain('openssl rand -base64 48')
      if (secret.length > 8) expect(problems[0]).not.toContain(secret)
    }
    expect(problemsOf({ SESSION_SECRET: 'changeme' })[0]).toContain('placeholder')
    expect(problemsOf({ SESSION_SECRET: 'short-but-random-Zx8q' })[0]).toContain('at least 32 characters')
  })

  it('accepts a generated secret, and no secret at all (local mode generates one into DATA_DIR)', () => {
    const generated = 'q3J0bKx9Yv2T-mW8pZr4nLc7HsA1dEfG6uIoVjB5kN0yQxRtWz'
    expect(loadConfig({ SESSION_SECRET: generated }).sessionSecret).toBe(generated)
    expect(loadConfig({ SESSION_SECRET: '' }).sessionSecret).toBeUndefined()
    expect(loadConfig({}).sessionSecret).toBeUndefined()
  })

  it('never ships a usable session secret in docker-compose.yml: its fallback is empty (generated) or refused', () => {
    const compose = readFileSync(path.resolve(import.meta.dirname, '../../docker-compose.yml'), 'utf8')
    const line = /^\s*SESSION_SECRET:\s*(.*)$/m.exec(compose)
    expect(line).not.toBeNull()
    const value = line![1]!.trim().replace(/^["']|["']$/g, '')
    // `${SESSION_SECRET:-fallback}` runs with the fallback; `${SESSION_SECRET:?message}` does not start without one.
    const fallback = /^\$\{SESSION_SECRET(?::-(.*)|:\?.*)\}$/.exec(value)
    expect(fallback, `SESSION_SECRET in docker-compose.yml must come from the environment, not be written there: ${value}`).not.toBeNull()
    const fallbackValue = fallback![1] ?? ''
    if (fallbackValue !== '') expect(problemsOf({ SESSION_SECRET: fallbackValue }).join('\n')).toMatch(/SESSION_SECRET/)
  })
})
