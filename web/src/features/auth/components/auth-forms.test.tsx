import { fireEvent, screen, waitFor } from '@testing-library/react'
import { csrfHeaderName } from '@webinar/shared/auth'
import { ErrorCode } from '@webinar/shared/errors'
import { describe, expect, it, vi } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { LoginForm } from './login-form'
import { SetupForm } from './setup-form'

const me = {
  user: { id: 'f1d7c1de-0000-4000-8000-000000000001', email: 'olive@example.com', name: 'Olive Owner', role: 'owner', createdAt: '2030-01-01T00:00:00.000Z' },
  via: 'session',
}

const api = fakeApiForEachTest()

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('the set-up form', () => {
  it('explains what is missing with the shared schema’s rules, next to each input, and sends nothing', async () => {
    renderInApp(<SetupForm onDone={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }))

    expect(await screen.findByText('Enter your name.')).toBeTruthy()
    expect(screen.getByText('Enter an e-mail address like name@example.com.')).toBeTruthy()
    expect(screen.getByText('Choose a password.')).toBeTruthy()
    expect(screen.getByLabelText('Your name').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByLabelText('Your name').getAttribute('aria-describedby')).toBe(screen.getByText('Enter your name.').closest('p')?.id)

    // Only spaces is no name; a password of nine characters is one short of SetupBody's minimum.
    type('Your name', '   ')
    type('E-mail address', 'olive-at-example')
    type('Password', 'too-short')
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }))
    expect(await screen.findByText('Use at least 10 characters.')).toBeTruthy()
    expect(screen.getByText('Enter your name.')).toBeTruthy()
    expect(screen.getByText('Enter an e-mail address like name@example.com.')).toBeTruthy()
    expect(api.sent).toEqual([])
  })

  it('sends the body SetupBody describes, trimmed, and is done', async () => {
    api.on('POST', '/api/setup', jsonResponse(me, 201))
    const onDone = vi.fn()
    renderInApp(<SetupForm onDone={onDone} />)
    type('Your name', '  Olive Owner ')
    type('E-mail address', ' olive@example.com ')
    type('Password', 'correct horse battery')
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }))

    await waitFor(() => expect(onDone).toHaveBeenCalled())
    const [request] = api.sentTo('POST', '/api/setup')
    expect(request?.body).toEqual({ name: 'Olive Owner', email: 'olive@example.com', password: 'correct horse battery' })
    expect(request?.headers.get(csrfHeaderName)).toBeTruthy()
  })

  it('shows the server’s field errors next to their inputs', async () => {
    api.on('POST', '/api/setup', errorResponse(400, 'validation_failed', 'email is taken.', { email: 'is already in use' }))
    renderInApp(<SetupForm onDone={() => {}} />)
    type('Your name', 'Olive Owner')
    type('E-mail address', 'olive@example.com')
    type('Password', 'correct horse battery')
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }))

    expect(await screen.findByText('Is already in use')).toBeTruthy()
    expect(screen.getByLabelText('E-mail address').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.')
    // What was typed stays.
    expect((screen.getByLabelText('Your name') as HTMLInputElement).value).toBe('Olive Owner')
  })
})

describe('the sign-in form', () => {
  it('asks for both fields before sending anything', async () => {
    renderInApp(<LoginForm onDone={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByText('Enter your e-mail address.')).toBeTruthy()
    expect(screen.getByText('Enter your password.')).toBeTruthy()
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true')
    expect(api.sent).toEqual([])
  })

  it('sends the e-mail trimmed and the password as typed', async () => {
    api.on('POST', '/api/auth/login', jsonResponse(me))
    const onDone = vi.fn()
    renderInApp(<LoginForm onDone={onDone} />)
    type('E-mail address', ' olive@example.com ')
    type('Password', ' spaces count ')
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(onDone).toHaveBeenCalled())
    expect(api.sentTo('POST', '/api/auth/login')[0]?.body).toEqual({ email: 'olive@example.com', password: ' spaces count ' })
  })

  it('says wrong credentials above the form, and empties the password for another try', async () => {
    api.on('POST', '/api/auth/login', errorResponse(401, ErrorCode.invalidCredentials, 'The e-mail address or the password is not right.'))
    renderInApp(<LoginForm onDone={() => {}} />)
    type('E-mail address', 'olive@example.com')
    type('Password', 'not the password')
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))

    expect((await screen.findByRole('alert')).textContent).toContain('The e-mail address or the password is not right.')
    const password = screen.getByLabelText('Password') as HTMLInputElement
    await waitFor(() => expect(password.value).toBe(''))
    expect(document.activeElement).toBe(password)
    expect((screen.getByLabelText('E-mail address') as HTMLInputElement).value).toBe('olive@example.com')
  })
})
