import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, renderInApp } from '@/test/app-test-kit'
import { ChangePasswordCard } from './change-password-card'

const api = fakeApiForEachTest()

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value

function fillIn({ current = 'the old password', next = 'a brand new password', again }: { current?: string; next?: string; again?: string } = {}) {
  type('Current password', current)
  type('New password', next)
  type('Confirm new password', again ?? next)
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
}

describe('the change-password card', () => {
  it('checks the new password with the shared schema and its second copy here, and sends nothing', async () => {
    renderInApp(<ChangePasswordCard />)
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('Enter your current password.')).toBeTruthy()
    expect(screen.getByText('Choose a new password.')).toBeTruthy()
    expect(screen.getByText('Type the new password again.')).toBeTruthy()

    fillIn({ next: 'too-short', again: 'too-short!' })
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy()
    expect(screen.getByText('This is not the same as the new password.')).toBeTruthy()
    expect(screen.getByLabelText('Confirm new password').getAttribute('aria-invalid')).toBe('true')
    expect(api.sent).toEqual([])
  })

  it('sends both passwords as typed, without the second copy, then says so and empties the form', async () => {
    api.on('POST', '/api/auth/password', new Response(null, { status: 204 }))
    renderInApp(<ChangePasswordCard />)
    fillIn({ current: ' old one ', next: ' a brand new password ' })

    expect(await screen.findByText('Password changed. Other devices were signed out.')).toBeTruthy()
    expect(api.sentTo('POST', '/api/auth/password')[0]?.body).toEqual({ currentPassword: ' old one ', newPassword: ' a brand new password ' })
    await waitFor(() => expect(valueOf('Current password')).toBe(''))
    expect(valueOf('New password')).toBe('')
    expect(valueOf('Confirm new password')).toBe('')
  })

  it('says a wrong current password at its field, emptied and focused, and keeps the new one', async () => {
    api.on(
      'POST',
      '/api/auth/password',
      errorResponse(400, 'validation_failed', 'The current password is not right.', { currentPassword: 'is not right' }),
    )
    renderInApp(<ChangePasswordCard />)
    fillIn()

    expect(await screen.findByText('This is not your current password.')).toBeTruthy()
    const current = screen.getByLabelText('Current password') as HTMLInputElement
    expect(current.getAttribute('aria-invalid')).toBe('true')
    expect(current.value).toBe('')
    expect(document.activeElement).toBe(current)
    expect(valueOf('New password')).toBe('a brand new password')
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.')
  })

  it('shows other refusals as the server words them', async () => {
    api.on('POST', '/api/auth/password', errorResponse(429, 'rate_limited', 'Too many password change attempts. Try again in a minute.'))
    renderInApp(<ChangePasswordCard />)
    fillIn()
    expect((await screen.findByRole('alert')).textContent).toContain('Too many password change attempts. Try again in a minute.')
  })
})
