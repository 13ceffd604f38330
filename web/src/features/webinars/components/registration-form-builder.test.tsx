import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { Webinar } from '@webinar/shared/webinars'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { keyFromLabel, uniqueKey } from '../utils/registration-form-drafts'
import { CreateWebinarForm } from './create-webinar-form'
import { EditWebinarForm } from './edit-webinar-form'

const webinar = {
  id: '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f',
  slug: 'quarterly-update',
  title: 'Quarterly update',
  description: '',
  startTime: '2031-03-04T15:00:00.000Z',
  endTime: '2031-03-04T16:00:00.000Z',
  timezone: 'Europe/Paris',
  durationMinutes: 60,
  capacity: null,
  registrationDeadline: null,
  approvalMode: 'auto',
  status: 'scheduled',
  settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 600, handRaising: true, chatSlowModeSeconds: 0 },
  host: { id: 'f1d7c1de-0000-4000-8000-000000000001', name: 'Olive Owner', email: 'olive@example.com' },
  registrationForm: {
    fields: [
      { key: 'name', type: 'text', label: 'Full name', required: true },
      { key: 'email', type: 'email', label: 'E-mail', required: true },
      { key: 'company', type: 'text', label: 'Company', required: false },
      { key: 'team', type: 'select', label: 'Team', required: true, options: ['Design', 'Engineering'] },
    ],
  },
  attendedThresholdSeconds: 600,
  streamCallType: 'webinar',
  streamCallId: 'wbn_0b7c3a525d0e4c1e9a573f3f1c2d4e5f',
  streamCallCid: 'webinar:wbn_0b7c3a525d0e4c1e9a573f3f1c2d4e5f',
  provisioning: 'ready',
  provisioningError: null,
  hlsPlaylistUrl: null,
  isCaptioning: false,
  liveStartedAt: null,
  endedAt: null,
  cancelledAt: null,
  series: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
} as Webinar

const api = fakeApiForEachTest()

const builderFields = () => within(screen.getByRole('list', { name: 'Fields of the registration form' }))
/** The builder's fields, top to bottom, by the label each shows. */
const fieldOrder = () =>
  Array.from(screen.getByRole('list', { name: 'Fields of the registration form' }).querySelectorAll(':scope > li')).map((item) =>
    item.querySelector('h3 .truncate')?.textContent,
  )
const fieldNamed = (label: string) => within(builderFields().getByRole('listitem', { name: label }))
const preview = () => within(screen.getByRole('group', { name: 'Preview of the registration form' }))
/** The preview's inputs, top to bottom, by their labels' words (a required one ends in a "*" the screen reader skips). */
const previewOrder = () =>
  Array.from(screen.getByRole('group', { name: 'Preview of the registration form' }).querySelectorAll('input, select, textarea')).map((input) =>
    (input as HTMLInputElement).labels?.[0]?.textContent?.replace(/\*$/, '').trim(),
  )

function addField(type: string, label: string) {
  fireEvent.click(screen.getByRole('button', { name: `Add a field: ${type}` }))
  const labels = builderFields().getAllByLabelText('Label')
  const input = labels[labels.length - 1]!
  expect(document.activeElement).toBe(input)
  fireEvent.change(input, { target: { value: label } })
}

function fillSchedule() {
  fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Quarterly update' } })
  fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2031-03-04' } })
}

describe('answer keys', () => {
  it('come from the label, as the API takes them, and never twice', () => {
    expect(keyFromLabel('Team size (approx.)')).toBe('team_size_approx')
    expect(keyFromLabel('Société')).toBe('societe')
    expect(keyFromLabel('2024 plans')).toBe('field_2024_plans')
    expect(keyFromLabel('  ')).toBe('field')
    expect(keyFromLabel('a'.repeat(60))).toHaveLength(40)
    expect(uniqueKey('company', new Set(['company', 'company_2']))).toBe('company_3')
    expect(uniqueKey('a'.repeat(40), new Set(['a'.repeat(40)]))).toBe(`${'a'.repeat(38)}_2`)
  })
})

// Each render draws the whole time-zone list (some 400 options), which jsdom takes its time over.
describe('building the registration form', { timeout: 30_000 }, () => {
  it('moves a field with the keyboard, keeps the focus on it, says where it went, and sends the new order', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    expect(fieldOrder()).toEqual(['Full name', 'E-mail', 'Company', 'Team'])

    // A button pressed from the keyboard: focused, then activated (Enter and Space click a button).
    const moveUp = fieldNamed('Team').getByRole('button', { name: 'Move up: Team' })
    moveUp.focus()
    fireEvent.click(moveUp)
    await waitFor(() => expect(fieldOrder()).toEqual(['Full name', 'E-mail', 'Team', 'Company']))
    await waitFor(() => expect(document.activeElement).toBe(fieldNamed('Team').getByRole('button', { name: 'Move up: Team' })))
    expect(screen.getByText('Team moved to position 3 of 4.')).toBeTruthy()

    // Again, from where the focus now is.
    fireEvent.click(document.activeElement!)
    await waitFor(() => expect(fieldOrder()).toEqual(['Full name', 'Team', 'E-mail', 'Company']))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Move up: Team'))
    // The preview follows.
    expect(previewOrder()).toEqual(['Full name', 'Team', 'E-mail', 'Company'])

    // Moving down, and at the top the button stays where it is (focusable, but it has nowhere to go).
    const moveDown = fieldNamed('Full name').getByRole('button', { name: 'Move down: Full name' })
    moveDown.focus()
    fireEvent.click(moveDown)
    await waitFor(() => expect(fieldOrder()).toEqual(['Team', 'Full name', 'E-mail', 'Company']))
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Move down: Full name'))
    const topMoveUp = fieldNamed('Team').getByRole('button', { name: 'Move up: Team' })
    expect(topMoveUp.getAttribute('aria-disabled')).toBe('true')
    topMoveUp.focus()
    fireEvent.click(topMoveUp)
    expect(fieldOrder()).toEqual(['Team', 'Full name', 'E-mail', 'Company'])
    expect(document.activeElement).toBe(topMoveUp)

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    expect(api.sentTo('PATCH', '/api/webinars/:id')[0]?.body).toEqual({
      registrationForm: { fields: [webinar.registrationForm.fields[3], webinar.registrationForm.fields[0], webinar.registrationForm.fields[1], webinar.registrationForm.fields[2]] },
    })
  })

  it('adds a drop-down, a phone field and a consent with a link, shows them in the preview, and sends them', async () => {
    api.on('POST', '/api/webinars', jsonResponse(webinar, 201))
    renderInApp(<CreateWebinarForm />, { path: '/admin/webinars/new' })
    fillSchedule()

    addField('Drop-down', 'Team size')
    const teamSize = fieldNamed('Team size')
    // The key follows the label.
    expect((teamSize.getByLabelText('Answer key') as HTMLInputElement).value).toBe('team_size')
    fireEvent.change(teamSize.getByLabelText('Option 1 of Team size'), { target: { value: '1–10' } })
    // Enter in an option adds the next one, and does not send the form.
    fireEvent.keyDown(teamSize.getByLabelText('Option 1 of Team size'), { key: 'Enter' })
    await waitFor(() => expect(document.activeElement).toBe(teamSize.getByLabelText('Option 2 of Team size')))
    fireEvent.change(teamSize.getByLabelText('Option 2 of Team size'), { target: { value: '11–100' } })
    fireEvent.click(teamSize.getByRole('button', { name: 'Add option' }))
    fireEvent.change(teamSize.getByLabelText('Option 3 of Team size'), { target: { value: 'More' } })
    fireEvent.click(teamSize.getByRole('checkbox', { name: 'Required' }))

    addField('Phone', 'Work phone')
    fireEvent.change(fieldNamed('Work phone').getByLabelText('Placeholder'), { target: { value: '+44 20 7946 0000' } })

    addField('Consent', 'I agree to the privacy policy')
    const consent = fieldNamed('I agree to the privacy policy')
    // A consent is always required: there is no box to untick.
    expect(consent.queryByRole('checkbox', { name: 'Required' })).toBeNull()
    expect(consent.getByText('Always required: people must agree to register.')).toBeTruthy()
    fireEvent.change(consent.getByLabelText('Link (optional)'), { target: { value: 'https://example.com/privacy' } })

    // The preview is the public form, disabled.
    const teamSelect = preview().getByLabelText('Team size', { exact: false }) as HTMLSelectElement
    expect(teamSelect.matches(':disabled')).toBe(true)
    expect(Array.from(teamSelect.options).map((option) => option.textContent)).toEqual(['Choose…', '1–10', '11–100', 'More'])
    expect(teamSelect.getAttribute('aria-required')).toBe('true')
    expect((preview().getByLabelText('Work phone') as HTMLInputElement).placeholder).toBe('+44 20 7946 0000')
    expect((preview().getByLabelText('Work phone') as HTMLInputElement).type).toBe('tel')
    expect(preview().getByRole('checkbox', { name: /I agree to the privacy policy/ })).toBeTruthy()
    const link = preview().getByRole('link', { name: /example\.com\/privacy/ })
    expect(link.getAttribute('href')).toBe('https://example.com/privacy')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(preview().getByRole('button', { name: 'Register' })).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))
    await waitFor(() => expect(api.sentTo('POST', '/api/webinars')).toHaveLength(1))
    const body = api.sentTo('POST', '/api/webinars')[0]?.body as { registrationForm: unknown }
    expect(body.registrationForm).toEqual({
      fields: [
        { key: 'name', type: 'text', label: 'Full name', required: true },
        { key: 'email', type: 'email', label: 'E-mail', required: true },
        { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
        { key: 'team_size', type: 'select', label: 'Team size', required: true, options: ['1–10', '11–100', 'More'] },
        { key: 'work_phone', type: 'phone', label: 'Work phone', placeholder: '+44 20 7946 0000', required: false },
        { key: 'i_agree_to_the_privacy_policy', type: 'consent', label: 'I agree to the privacy policy', required: true, linkUrl: 'https://example.com/privacy' },
      ],
    })
  })

  it('keeps name and e-mail, and removes other fields', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    expect(fieldNamed('Full name').queryByRole('button', { name: /^Remove/ })).toBeNull()
    expect(fieldNamed('E-mail').queryByRole('button', { name: /^Remove/ })).toBeNull()
    expect(fieldNamed('E-mail').queryByLabelText('Type')).toBeNull()

    fireEvent.click(fieldNamed('Company').getByRole('button', { name: 'Remove: Company' }))
    expect(fieldOrder()).toEqual(['Full name', 'E-mail', 'Team'])
    expect(screen.getByText('Company removed.')).toBeTruthy()
    // The focus goes to the field that took its place.
    await waitFor(() => expect(document.activeElement).toBe(fieldNamed('Team').getByRole('button', { name: 'Team' })))
    expect(preview().queryByLabelText('Company')).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    const [name, email, , team] = webinar.registrationForm.fields
    expect(api.sentTo('PATCH', '/api/webinars/:id')[0]?.body).toEqual({ registrationForm: { fields: [name, email, team] } })
  })

  it('catches a drop-down without options, repeated options, a key used twice and a bad link before sending', async () => {
    renderInApp(<CreateWebinarForm />)
    fillSchedule()
    addField('Drop-down', 'Role')
    fireEvent.click(fieldNamed('Role').getByRole('button', { name: 'Remove option 1' }))
    addField('Drop-down', 'Level')
    fireEvent.change(fieldNamed('Level').getByLabelText('Option 1 of Level'), { target: { value: 'Senior' } })
    fireEvent.click(fieldNamed('Level').getByRole('button', { name: 'Add option' }))
    fireEvent.change(fieldNamed('Level').getByLabelText('Option 2 of Level'), { target: { value: 'Senior' } })
    addField('Short text', 'Company')
    fireEvent.change(fieldNamed('Company').getByLabelText('Answer key'), { target: { value: 'mobile' } })
    addField('Consent', 'I agree')
    fireEvent.change(fieldNamed('I agree').getByLabelText('Link (optional)'), { target: { value: 'javascript:alert(1)' } })
    addField('Long text', '')

    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))
    expect(await fieldNamed('Role').findByText('Add at least one option to choose from.')).toBeTruthy()
    expect(fieldNamed('Level').getByText('Each option must be different.')).toBeTruthy()
    expect(fieldNamed('Company').getByText('Another field already uses the key “mobile”. Choose another.')).toBeTruthy()
    expect(fieldNamed('Company').getByLabelText('Answer key').getAttribute('aria-invalid')).toBe('true')
    expect(fieldNamed('I agree').getByText('Enter a web address starting with https:// or http://.')).toBeTruthy()
    expect(fieldNamed('Untitled field').getByText('Give the field a label.')).toBeTruthy()
    expect(api.sent).toEqual([])

    // Corrected, each message goes.
    fireEvent.click(fieldNamed('Role').getByRole('button', { name: 'Add option' }))
    fireEvent.change(fieldNamed('Role').getByLabelText('Option 1 of Role'), { target: { value: 'Designer' } })
    await waitFor(() => expect(fieldNamed('Role').queryByText('Add at least one option to choose from.')).toBeNull())
  })

  it('puts the server’s objections to a field next to that field', async () => {
    api.on(
      'PATCH',
      '/api/webinars/:id',
      errorResponse(400, 'validation_failed', 'registrationForm.fields.3.options options must be different.', {
        'registrationForm.fields.3.options': 'options must be different',
        'registrationForm.fields.2.key': '"company" is used by another field',
      }),
    )
    renderInApp(<EditWebinarForm webinar={webinar} />)
    // Saved fields start closed, as a list to scan; opened, they show what they ask and how.
    const open = fieldNamed('Company').getByRole('button', { name: 'Company' })
    expect(open.getAttribute('aria-expanded')).toBe('false')
    expect(fieldNamed('Company').queryByLabelText('Label')).toBeNull()
    fireEvent.click(open)
    expect(open.getAttribute('aria-expanded')).toBe('true')
    fireEvent.change(fieldNamed('Company').getByLabelText('Label'), { target: { value: 'Organisation' } })
    // A saved field keeps its key: answers are stored under it.
    expect(fieldNamed('Organisation').queryByLabelText('Answer key')).toBeNull()
    expect(fieldNamed('Organisation').getByText('company')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))

    // A field the server objects to opens, to show what is wrong.
    expect(await fieldNamed('Team').findByText('Options must be different')).toBeTruthy()
    expect(fieldNamed('Team').getByRole('button', { name: 'Team' }).getAttribute('aria-expanded')).toBe('true')
    expect(fieldNamed('Organisation').getByText('"company" is used by another field')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.')
  })
})
