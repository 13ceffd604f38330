import { describe, expect, it } from 'vitest'
import { redactUrl } from '../src/http/log-serializers.ts'

describe('URLs in the log', () => {
  it('hide join tokens in every personal-link path and credentials in query strings', () => {
    const token = 'Zk3cQ9x_Vb-2mA7rT4yH8nL1pW6sE0dU5gJ2kF9hC3q'
    expect(redactUrl(`/join/${token}`)).toBe('/join/[redacted]')
    expect(redactUrl(`/join/${token}/room`)).toBe('/join/[redacted]/room')
    expect(redactUrl(`/api/join/${token}/calendar.ics?x=1`)).toBe('/api/join/[redacted]/calendar.ics?x=1')
    expect(redactUrl('/api/rooms/abc/events?lastEventId=4&ticket=eyJh.eyJi.sig')).toBe('/api/rooms/abc/events?lastEventId=4&ticket=[redacted]')
    expect(redactUrl('/__stream/api/v2/video/calltypes?api_key=key-123')).toBe('/__stream/api/v2/video/calltypes?api_key=[redacted]')
    expect(redactUrl(`/stage/${token}`)).toBe('/stage/[redacted]')
    expect(redactUrl(`/api/stage/${token}/stream-credentials`)).toBe('/api/stage/[redacted]/stream-credentials')
    expect(redactUrl('/api/webinars/abc/stage/requests/def/accept')).toBe('/api/webinars/abc/stage/requests/def/accept')
    expect(redactUrl('/api/webinars?q=join')).toBe('/api/webinars?q=join')
  })
})
