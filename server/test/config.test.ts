import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.ts'

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
})
