import type { Recording, ReplayPart } from '@webinar/shared/recordings'
import type { RecordingRow } from './recording-repository.ts'

const iso = (date: Date | null) => date?.toISOString() ?? null

function durationSecondsOf(row: RecordingRow): number | null {
  if (!row.startedAt || !row.endedAt) return null
  return Math.max(0, Math.round((row.endedAt.getTime() - row.startedAt.getTime()) / 1000))
}

export function toRecordingView(row: RecordingRow): Recording {
  return {
    id: row.id,
    filename: row.filename,
    url: row.url,
    sessionId: row.streamSessionId,
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    durationSeconds: durationSecondsOf(row),
    readyAt: row.createdAt.toISOString(),
  }
}

export function toReplayPart(row: RecordingRow): ReplayPart {
  return { id: row.id, url: row.url, startedAt: iso(row.startedAt), endedAt: iso(row.endedAt), durationSeconds: durationSecondsOf(row) }
}
