import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { AddedRegistration } from '@webinar/shared/registrations'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { AddRegistrantDialog } from './add-registrant-dialog'

const webinarId = '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f'
const added: AddedRegistration = {
  registration: {
    id: '5e0c6f0e-1111-4000-8000-000000000001',
    webinarId,
    name: 'Linus Torvalds',
    email: 'linus@example.com',
    phone: null,
    answers: {},
    status: 'approved',
    timezone: null,
    source: 'admin',
    streamUserId: 'reg_linus',
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
  },
  wasAlreadyRegistered: false,
}
const addPath = '/api/webinars/:id/registrations'

const api = fakeApiForEachTest()

function openDialog() {
  renderInApp(<AddRegistrantDialog webinar={{ id: webinarId, approvalMode: 'auto' }} />)
  fireEvent.click(screen.getByRole('button', { name: 'Add registrant' }))
  const dialog = screen.getByRole('dialog', { name: 'Add registrant' })
  const type = (label: string, value: string) => fireEvent.change(within(dialog).getByLabelText(label), { target: { value } })
  const submit = () => fireEvent.click(within(dialog).getByRole('button', { name: 'Add registrant' }))
  return { dialog, type, submit }
}

describe('adding a registrant by hand', () => {
  it('checks name and e-mail with AddRegistrationBody before sending', async () => {
    const { dialog, type, submit } = openDialog()
    submit()
    expect(await within(dialog).findByText('Enter their name.')).toBeTruthy()
    expect(within(dialog).getByText('Enter their e-mail address.')).toBeTruthy()

    type('Name', 'Linus Torvalds')
    type('E-mail address', 'linus-at-example')
    submit()
    expect(await within(dialog).findByText('Must be a valid e-mail address')).toBeTruthy()
    expect(within(dialog).getByLabelText('E-mail address').getAttribute('aria-invalid')).toBe('true')
    expect(within(dialog).queryByText('Enter their name.')).toBeNull()
    expect(api.sent).toEqual([])
  })

  it('sends name and e-mail trimmed, says so, and closes', async () => {
    api.on('POST', addPath, jsonResponse(added, 201))
    const { dialog, type, submit } = openDialog()
    type('Name', ' Linus Torvalds ')
    type('E-mail address', ' linus@example.com ')
    submit()

    expect(await screen.findByText('Linus Torvalds was added.')).toBeTruthy()
    expect(screen.getByText('Their join link is on its way by e-mail.')).toBeTruthy()
    await waitFor(() => expect(dialog.isConnected).toBe(false))
    const [request] = api.sentTo('POST', addPath)
    expect(request?.path).toBe(`/api/webinars/${webinarId}/registrations`)
    expect(request?.body).toEqual({ name: 'Linus Torvalds', email: 'linus@example.com' })
  })

  it('puts the server’s field errors at their inputs and a refusal above the form', async () => {
    api.on('POST', addPath, errorResponse(400, 'validation_failed', 'email must be a valid e-mail address.', { email: 'must be a valid e-mail address' }))
    const { dialog, type, submit } = openDialog()
    type('Name', 'Linus Torvalds')
    type('E-mail address', 'linus@example')
    submit()
    expect(await within(dialog).findByText('Must be a valid e-mail address')).toBeTruthy()
    expect(within(dialog).getByRole('alert').textContent).toContain('Please correct the highlighted fields.')

    api.on('POST', addPath, errorResponse(409, 'registration_closed', 'Registration for this webinar is closed.'))
    type('E-mail address', 'linus@example.com')
    submit()
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toContain('Registration for this webinar is closed.'))
    expect(dialog.isConnected).toBe(true)
  })
})
