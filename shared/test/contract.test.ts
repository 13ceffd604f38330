import { Value } from 'typebox/value'
import { describe, expect, it } from 'vitest'
import { LoginBody, SetupBody } from '../src/auth.ts'
import { CreateUserBody } from '../src/users.ts'

describe('the API contract', () => {
  it('refuses unknown fields in request bodies, so integrators learn about typos', () => {
    expect(Value.Check(LoginBody, { email: 'a@example.com', password: 'x' })).toBe(true)
    expect(Value.Check(LoginBody, { email: 'a@example.com', password: 'x', remember: true })).toBe(false)
  })

  it('never lets an API caller create another owner', () => {
    const body = { email: 'a@example.com', name: 'A', password: 'long enough pass' }
    expect(Value.Check(CreateUserBody, { ...body, role: 'host' })).toBe(true)
    expect(Value.Check(CreateUserBody, { ...body, role: 'owner' })).toBe(false)
  })

  it('asks for a password of at least 10 characters at set-up', () => {
    expect(Value.Check(SetupBody, { email: 'a@example.com', name: 'A', password: 'too short' })).toBe(false)
  })
})
