import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './api-error'
import { forgetPublicQueries, invalidatePublicQuery, setPublicQueryData, usePublicMutation, usePublicQuery } from './public-query'

// The public pages' small stand-in for react-query: what a page relies on (one request per key, retries as the
// app's query client makes them, the latest answer winning, answers put in place by a change).

afterEach(() => {
  cleanup()
  forgetPublicQueries()
  vi.useRealTimers()
})

const serverError = () => new ApiError({ status: 503, code: 'unavailable', message: 'The server had a problem.' })
const notFound = () => new ApiError({ status: 404, code: 'not_found', message: 'Not found.' })

describe('usePublicQuery', () => {
  it('reads once for every component showing the same key, and shares the answer', async () => {
    const load = vi.fn(async () => 'the webinar')
    const first = renderHook(() => usePublicQuery('webinar:a', load))
    const second = renderHook(() => usePublicQuery('webinar:a', load))
    expect(first.result.current.isPending).toBe(true)
    await waitFor(() => expect(first.result.current.data).toBe('the webinar'))
    expect(second.result.current.data).toBe('the webinar')
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('asks again whenever a page shows it, showing what it had meanwhile', async () => {
    let answer = 'before'
    const load = vi.fn(async () => answer)
    const first = renderHook(() => usePublicQuery('webinar:b', load))
    await waitFor(() => expect(first.result.current.data).toBe('before'))
    first.unmount()

    answer = 'after'
    const again = renderHook(() => usePublicQuery('webinar:b', load))
    expect(again.result.current.data).toBe('before')
    await waitFor(() => expect(again.result.current.data).toBe('after'))
  })

  it('retries a failure of the server twice, after 1 s and 2 s, and a 4xx never', async () => {
    vi.useFakeTimers()
    const failing = vi.fn(async () => {
      throw serverError()
    })
    const query = renderHook(() => usePublicQuery('webinar:c', failing))
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(failing).toHaveBeenCalledTimes(1)
    await act(() => vi.advanceTimersByTimeAsync(1000))
    expect(failing).toHaveBeenCalledTimes(2)
    expect(query.result.current.isPending).toBe(true)
    await act(() => vi.advanceTimersByTimeAsync(2000))
    expect(failing).toHaveBeenCalledTimes(3)
    expect(query.result.current.isError).toBe(true)

    const missing = vi.fn(async () => {
      throw notFound()
    })
    const other = renderHook(() => usePublicQuery('webinar:d', missing))
    await act(() => vi.advanceTimersByTimeAsync(10_000))
    expect(missing).toHaveBeenCalledTimes(1)
    expect(other.result.current.error).toBeInstanceOf(ApiError)
  })

  it('answers a refetch with a new request, whose answer wins over the one already on its way', async () => {
    const pending: ((value: string) => void)[] = []
    const load = vi.fn(() => new Promise<string>((resolve) => pending.push(resolve)))
    const query = renderHook(() => usePublicQuery('replay:e', load))
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1))
    let refetched!: Promise<void>
    act(() => {
      refetched = query.result.current.refetch()
    })
    expect(load).toHaveBeenCalledTimes(2)
    pending[1]!('fresh address')
    await act(() => refetched)
    pending[0]!('stale address')
    await act(async () => {})
    expect(query.result.current.data).toBe('fresh address')
  })

  it('shows an answer put in place, and reads again when invalidated', async () => {
    let answer = 'registered'
    const query = renderHook(() => usePublicQuery('join:f', async () => answer))
    await waitFor(() => expect(query.result.current.data).toBe('registered'))
    act(() => setPublicQueryData<string>('join:f', () => 'cancelled'))
    expect(query.result.current.data).toBe('cancelled')
    answer = 'as the server says'
    await act(() => invalidatePublicQuery('join:f'))
    expect(query.result.current.data).toBe('as the server says')
  })

  it('polls while asked to', async () => {
    vi.useFakeTimers()
    let reads = 0
    const query = renderHook(() => usePublicQuery('replay:g', async () => (++reads < 3 ? 'processing' : 'ready'), { refetchIntervalMs: (status) => (status === 'processing' ? 15_000 : false) }))
    await act(() => vi.advanceTimersByTimeAsync(0))
    expect(query.result.current.data).toBe('processing')
    await act(() => vi.advanceTimersByTimeAsync(30_000))
    expect(query.result.current.data).toBe('ready')
    await act(() => vi.advanceTimersByTimeAsync(60_000))
    expect(reads).toBe(3)
  })
})

describe('usePublicMutation', () => {
  it('says it is pending, then calls back with the outcome, and forgets it on reset', async () => {
    let fail = false
    const onSettled = vi.fn()
    const mutation = renderHook(() =>
      usePublicMutation(
        async (name: string) => {
          if (fail) throw serverError()
          return `hello ${name}`
        },
        { onSettled },
      ),
    )
    const onSuccess = vi.fn()
    act(() => mutation.result.current.mutate('Vera', { onSuccess }))
    expect(mutation.result.current.isPending).toBe(true)
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith('hello Vera'))
    expect(mutation.result.current.isPending).toBe(false)

    fail = true
    const onError = vi.fn()
    act(() => mutation.result.current.mutate('Vera', { onError }))
    await waitFor(() => expect(mutation.result.current.isError).toBe(true))
    expect(onError).toHaveBeenCalledWith(expect.any(ApiError))
    expect(onSettled).toHaveBeenCalledTimes(2)
    act(() => mutation.result.current.reset())
    expect(mutation.result.current.error).toBeNull()
  })
})
