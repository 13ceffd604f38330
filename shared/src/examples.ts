/**
 * Ids and instants the OpenAPI examples share, so that the documented answers tell one consistent story: one
 * webinar ("Quarterly update"), its host, one registrant, one webhook endpoint. Illustration only: nothing reads them.
 */
export const exampleIds = {
  webinar: '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f',
  owner: '2a4c6e80-1b3d-4f50-9a7c-e1f203142536',
  host: '5f1d2c3b-8a9e-4f70-b1c2-d3e4f5a6b7c8',
  registration: 'c4a1e2f3-7b6d-4e5f-8a9b-0c1d2e3f4a5b',
  apiKey: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  webhookEndpoint: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5c',
  webhookDelivery: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d',
  mail: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
  recording: 'f3a4b5c6-d7e8-4f9a-8b0c-1d2e3f4a5b6c',
  auditEntry: 'b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e',
} as const

export const exampleStreamCallId = `wbn_${exampleIds.webinar.replaceAll('-', '')}`

export const exampleTimes = {
  ownerCreated: '2030-01-08T08:00:00.000Z',
  hostCreated: '2030-02-12T14:20:00.000Z',
  webinarCreated: '2030-04-20T09:30:00.000Z',
  registered: '2030-04-28T10:15:00.000Z',
  start: '2030-05-04T16:00:00.000Z',
  end: '2030-05-04T17:00:00.000Z',
} as const
