import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'

// The fields an organiser builds into a registration form, end to end through the API: a consent's link, the
// rules the form builder relies on the server for, and the answers of every field type in the CSV export.

let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

const staff = () => ({ cookie: ownerCookie, ...csrfHeaders })

const nameAndEmail = [
  { key: 'name', type: 'text', label: 'Full name', required: true },
  { key: 'email', type: 'email', label: 'E-mail', required: true },
]

const everyType = [
  ...nameAndEmail,
  { key: 'company', type: 'text', label: 'Company', required: false },
  { key: 'work_email', type: 'email', label: 'Work e-mail', required: false },
  { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
  { key: 'question', type: 'textarea', label: 'Your question', required: false },
  { key: 'team_size', type: 'select', label: 'Team size', required: true, options: ['1–10', '11–100'] },
  { key: 'updates', type: 'checkbox', label: 'Send me updates', required: false },
  { key: 'consent', type: 'consent', label: 'I agree to the privacy policy', required: true, linkUrl: 'https://example.com/privacy' },
  // Labels a spreadsheet would confuse with another column.
  { key: 'status_note', type: 'text', label: 'status', required: false },
  { key: 'company_2', type: 'text', label: 'Company', required: false },
]

function createWebinar(fields: unknown[], title = 'Form fields') {
  return testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: {
      title,
      startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 60,
      registrationForm: { fields },
    },
  })
}

describe('a consent’s link', () => {
  it('is kept with the form and shown to the public', async () => {
    const created = await createWebinar(everyType, 'Linked consent')
    expect(created.statusCode, created.body).toBe(201)
    const webinar = created.json()
    expect(webinar.registrationForm.fields).toEqual(everyType)
    const publicView = (await testApp.app.inject({ method: 'GET', url: `/api/public/webinars/${webinar.slug}` })).json()
    expect(publicView.registrationForm.fields.find((field: { key: string }) => field.key === 'consent')).toEqual(everyType.find((field) => field.key === 'consent'))
  })

  const consent = { key: 'consent', type: 'consent', label: 'I agree', required: true }
  const cases: [string, Record<string, unknown>][] = [
    ['on a field that is not a consent', { key: 'company', type: 'text', label: 'Company', required: false, linkUrl: 'https://example.com' }],
    ['that is a script, not a web address', { ...consent, linkUrl: 'javascript:alert(1)' }],
    ['without a host', { ...consent, linkUrl: 'https://' }],
    ['longer than 500 characters', { ...consent, linkUrl: `https://example.com/${'a'.repeat(500)}` }],
  ]
  it.each(cases)('is refused %s, at the field', async (_name, field) => {
    const response = await createWebinar([...nameAndEmail, field])
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
    expect(Object.keys(response.json().error.fields)).toContain('registrationForm.fields.2.linkUrl')
  })

  it('is refused on a field that is not a consent when the form is changed too', async () => {
    const webinar = (await createWebinar(nameAndEmail, 'Changed form')).json()
    const response = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/webinars/${webinar.id}`,
      headers: staff(),
      payload: { registrationForm: { fields: [...nameAndEmail, { key: 'updates', type: 'checkbox', label: 'Updates', required: false, linkUrl: 'https://example.com' }] } },
    })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error.fields).toEqual({ 'registrationForm.fields.2.linkUrl': 'only consent fields have a link' })
  })
})

describe('the CSV export', () => {
  it('has a column per question, headed with its label, with every type of answer', async () => {
    const webinar = (await createWebinar(everyType, 'Exported answers')).json()
    const registered = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/webinars/${webinar.slug}/registrations`,
      payload: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        answers: {
          company: 'Analytical Engines, Ltd',
          work_email: 'ada@engines.example',
          mobile: '+44 7700 900123',
          question: 'Two lines:\nhere',
          team_size: '11–100',
          updates: false,
          consent: true,
          status_note: 'VIP',
          company_2: 'Second',
        },
      },
    })
    expect(registered.statusCode, registered.body).toBe(201)
    // Staff may add someone without the answers.
    const added = await testApp.app.inject({
      method: 'POST',
      url: `/api/webinars/${webinar.id}/registrations`,
      headers: staff(),
      payload: { name: 'Grace Hopper', email: 'grace@example.com' },
    })
    expect(added.statusCode, added.body).toBe(201)

    const response = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/registrations.csv`, headers: staff() })
    expect(response.statusCode).toBe(200)
    const [header, ...rows] = response.body.trimEnd().split('\r\n')
    expect(header).toBe(
      'name,email,status,registered_at,timezone,source,first_joined_at,last_left_at,watch_seconds,attended,' +
        'Company,Work e-mail,Mobile phone,Your question,Team size,Send me updates,I agree to the privacy policy,status (status_note),Company (company_2)',
    )
    const ada = response.body.slice(response.body.indexOf('Ada Lovelace'))
    expect(ada).toMatch(/,"Analytical Engines, Ltd",ada@engines\.example,'\+44 7700 900123,"Two lines:\nhere",11–100,no,yes,VIP,Second\r\n/)
    const grace = rows.find((row) => row.startsWith('Grace Hopper'))!
    expect(grace.split(',').slice(10)).toEqual(['', '', '', '', '', '', '', '', ''])
  })
})
