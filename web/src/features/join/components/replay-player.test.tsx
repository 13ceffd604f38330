import { fireEvent, screen, waitFor } from '@testing-library/react'
import type { Replay } from '@webinar/shared/recordings'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { ReplayPlayer } from './replay-player'

const token = 'tok_'.padEnd(43, 'x')
const part = (id: string, url: string, durationSeconds: number) => ({
  id,
  url,
  startedAt: '2030-03-04T10:00:00.000Z',
  endedAt: new Date(Date.parse('2030-03-04T10:00:00.000Z') + durationSeconds * 1000).toISOString(),
  durationSeconds,
})

const api = fakeApiForEachTest()

function renderPlayer() {
  return renderInApp(<ReplayPlayer token={token} title="Scaling Postgres" notOver={<p>After the webinar.</p>} />)
}

describe('the replay player', () => {
  it('plays the recording at the address the API gave, and lets a viewer pick a part', async () => {
    const replay: Replay = { status: 'ready', parts: [part('a1d7c1de-0000-4000-8000-000000000001', 'https://cdn.example/one.mp4', 2700), part('a1d7c1de-0000-4000-8000-000000000002', 'https://cdn.example/two.mp4', 125)] }
    api.on('GET', '/api/join/:token/replay', jsonResponse(replay))
    renderPlayer()

    const video = (await screen.findByLabelText('Replay of Scaling Postgres')) as HTMLVideoElement
    expect(video.getAttribute('src')).toBe('https://cdn.example/one.mp4')
    expect(screen.getByText(/^Part 1 of 2 · Recorded .* · 45:00$/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Part 2 · 2:05' }))
    expect(screen.getByLabelText('Replay of Scaling Postgres').getAttribute('src')).toBe('https://cdn.example/two.mp4')
    expect(screen.getByRole('button', { name: 'Part 2 · 2:05' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('asks for a fresh address once when the file is refused (it expired), and says so after a second refusal', async () => {
    let asked = 0
    api.on('GET', '/api/join/:token/replay', () => jsonResponse({ status: 'ready', parts: [part('a1d7c1de-0000-4000-8000-000000000003', `https://cdn.example/r.mp4?signature=${++asked}`, 60)] }))
    renderPlayer()

    fireEvent.error(await screen.findByLabelText('Replay of Scaling Postgres'))
    await waitFor(() => expect(screen.getByLabelText('Replay of Scaling Postgres').getAttribute('src')).toBe('https://cdn.example/r.mp4?signature=2'))
    fireEvent.error(screen.getByLabelText('Replay of Scaling Postgres'))
    expect(await screen.findByText('The replay did not play')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(screen.getByLabelText('Replay of Scaling Postgres').getAttribute('src')).toBe('https://cdn.example/r.mp4?signature=3'))
  })

  it('says the replay is on its way while Stream prepares it, and what comes before the end', async () => {
    api.on('GET', '/api/join/:token/replay', jsonResponse({ status: 'processing', parts: [] }))
    const { unmount } = renderPlayer()
    expect(await screen.findByText('The replay is on its way')).toBeTruthy()
    expect(document.querySelector('video')).toBeNull()
    unmount()

    api.on('GET', '/api/join/:token/replay', jsonResponse({ status: 'webinar_not_over', parts: [] }))
    renderPlayer()
    expect(await screen.findByText('After the webinar.')).toBeTruthy()
  })

  it('shows a refusal as the server words it', async () => {
    api.on('GET', '/api/join/:token/replay', errorResponse(403, 'forbidden', 'This registration is cancelled: it cannot watch the replay.'))
    renderPlayer()
    expect(await screen.findByText('This link can’t open the replay')).toBeTruthy()
    expect(screen.getByText('This registration is cancelled: it cannot watch the replay.')).toBeTruthy()
  })
})
