import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { ForgotPasswordForm } from './forgot-password-form'
import { ResetPasswordForm } from './reset-password-form'

const api = fakeApiForEachTest()

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } })
const token = 'Zk3cQ9x_Vb-2mA7rT4yH8nL1pW6sE0dU5gJ2kF9hC3q'

describe('the forgot-password form', () => {
  it('asks for an address, sends it trimmed, and says what happens without saying whether it has an account', async () => {
    api.on('POST', '/api/auth/password-reset', jsonResponse({ isMailConfigured: true }, 202))
    renderInApp(<ForgotPasswordForm />)
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(await screen.findByText('Enter the e-mail address you sign in with.')).toBeTruthy()
    type('E-mail address', ' ada@example.com ')
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(await screen.findByText('Check your inbox')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('If an account uses ada@example.com, a link to choose a new password is on its way.')
    expect(api.sentTo('POST', '/api/auth/password-reset')[0]?.body).toEqual({ email: 'ada@example.com' })
  })

  it('says so when the installation sends no mail, with the command that makes a link', async () => {
    api.on('POST', '/api/auth/password-reset', jsonResponse({ isMailConfigured: false }, 202))
    renderInApp(<ForgotPasswordForm />)
    type('E-mail address', 'ada@example.com')
    fireEvent.click(screen.getByRole('button', { name: 'Send me a link' }))
    expect(await screen.findByText('This installation sends no mail')).toBeTruthy()
    expect(screen.getByText('pnpm --filter @webinar/server password:reset-link ada@example.com')).toBeTruthy()
  })
})

describe('the reset-password form', () => {
  it('checks the two copies here and sends the token with the password as typed', async () => {
    api.on('POST', '/api/auth/password-reset/confirm', new Response(null, { status: 204 }))
    let isDone = false
    renderInApp(<ResetPasswordForm token={token} onDone={() => (isDone = true)} />)
    type('New password', 'short')
    type('Confirm new password', 'shorter')
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }))
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy()
    expect(screen.getByText('This is not the same as the new password.')).toBeTruthy()
    expect(api.sent).toEqual([])

    type('New password', ' a new long password ')
    type('Confirm new password', ' a new long password ')
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }))
    await waitFor(() => expect(isDone).toBe(true))
    expect(api.sentTo('POST', '/api/auth/password-reset/confirm')[0]?.body).toEqual({ token, password: ' a new long password ' })
  })

  it('offers a new link when this one does not work any more', async () => {
    api.on(
      'POST',
      '/api/auth/password-reset/confirm',
      errorResponse(400, 'bad_request', 'This password reset link does not work any more: it was used already. Ask for a new one.'),
    )
    renderInApp(<ResetPasswordForm token={token} onDone={() => {}} />)
    type('New password', 'a new long password')
    type('Confirm new password', 'a new long password')
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('This password reset link does not work any more')
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password')
  })
})
