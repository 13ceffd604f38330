import { useEffect, useEffectEvent, useRef, useState } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { cn } from '@/lib/cn'

export interface TimeSeries {
  /** Unix seconds, oldest first. */
  times: number[]
  values: number[]
}

interface TimeSeriesChartProps {
  /** What the chart shows, as its accessible name. A canvas says nothing to a screen reader: put the numbers beside it too. */
  label: string
  series: TimeSeries
  /**
   * `steps`: a count holding through each period (viewers in each minute), drawn as a stepped area to the period's
   * end. `bars`: a count of things that happened in each period (registrations per day).
   */
  kind: 'steps' | 'bars'
  xLabel: string
  yLabel: string
  /** A time as the axis and the read-out show it ("14:05", "4 Mar"). */
  formatTime: (seconds: number) => string
  /** A value as the read-out shows it ("12 viewers"). */
  formatValue: (value: number) => string
  /** The zone the axis places its marks in (midnights, whole hours); the browser's when left out. */
  timezone?: string
  /** The period of one value, in seconds: a bar's slot, and the room a lone point gets either side. */
  step: number
  height?: number
  className?: string
}

/** A colour of the app's theme (index.css), as canvas needs it: a value, not a CSS variable. */
function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** The same colour, see-through. Drawn once and read back, so that whatever notation the theme uses (oklch) works. */
function translucent(color: string, alpha: number): string {
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = 1
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return color
  context.fillStyle = color
  context.fillRect(0, 0, 1, 1)
  const [red, green, blue] = context.getImageData(0, 0, 1, 1).data
  return `rgba(${red}, ${green}, ${blue}, ${alpha})`
}

/**
 * Marks on the time axis fall on whole periods of the series (whole minutes, whole days): never seconds between two
 * minutes, which would all read the same.
 */
function timeStepsOf(step: number): number[] {
  const multiples = step >= 86_400 ? [1, 2, 7, 14, 28, 56, 91, 182, 364] : [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440]
  return multiples.map((multiple) => multiple * step)
}

/**
 * What uPlot draws: for steps, the last value once more at the end of its period, so that the last minute (or a
 * lone one) shows as the stretch it is rather than a point.
 */
function plotted({ times, values }: TimeSeries, kind: TimeSeriesChartProps['kind'], step: number): uPlot.AlignedData {
  if (kind === 'bars' || times.length === 0) return [times, values]
  return [[...times, times[times.length - 1]! + step], [...values, values[values.length - 1]!]]
}

/** Counts of people: whole steps only on the value axis. */
const wholeSteps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000]

function optionsOf(props: TimeSeriesChartProps, width: number, onCursor: (index: number | null) => void): uPlot.Options {
  const { kind, xLabel, yLabel, timezone, step, formatTime } = props
  const accent = themeColor('--color-accent-600', '#4f46e5')
  const ink = themeColor('--color-slate-500', '#64748b')
  const rule = themeColor('--color-slate-200', '#e2e8f0')
  const family = getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif'
  const axis = { stroke: ink, font: `12px ${family}`, labelFont: `500 12px ${family}`, labelSize: 22, ticks: { stroke: rule, width: 1, size: 4 } }
  return {
    width,
    height: props.height ?? 240,
    // Our own read-out and the table beside the chart say the numbers: no legend, no zooming by dragging.
    legend: { show: false },
    cursor: { y: false, drag: { x: false, y: false, setScale: false }, points: { size: 9, width: 2, fill: '#fff', stroke: accent } },
    // Room on the right for half of the last time label, which is centred on the plot's edge.
    padding: [16, 28, 0, 0],
    ...(timezone ? { tzDate: (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), timezone) } : {}),
    scales: {
      x: {
        time: true,
        // From the data itself: uPlot widens a lone time value by 86,400 of its units (years, in seconds). Bars sit
        // inside their slot; a lone point gets a step either side rather than sitting on the plot's edge.
        range: (chart, min, max) => {
          const times = chart.data[0]
          const [first, last] = times.length > 0 ? [times[0]!, times[times.length - 1]!] : [min, max]
          return kind === 'bars' ? [first - step / 2, last + step / 2] : [first, Math.max(last, first + step)]
        },
      },
      y: { range: (_chart, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.15))] },
    },
    axes: [
      { ...axis, label: xLabel, space: 72, incrs: timeStepsOf(step), grid: { show: false }, values: (_chart, splits) => splits.map((seconds) => formatTime(seconds)) },
      { ...axis, label: yLabel, size: 44, incrs: wholeSteps, grid: { stroke: rule, width: 1 }, values: (_chart, splits) => splits.map((value) => value.toLocaleString()) },
    ],
    series: [
      {},
      kind === 'bars'
        ? { label: yLabel, stroke: accent, fill: translucent(accent, 0.8), width: 0, paths: uPlot.paths.bars!({ size: [0.7, 36] }), points: { show: false } }
        : {
            label: yLabel,
            stroke: accent,
            width: 2,
            fill: translucent(accent, 0.12),
            // Each value holds until the next one: a flat stretch per period, no slopes between counts.
            paths: uPlot.paths.stepped!({ align: 1 }),
            points: { show: false },
          },
    ],
    hooks: { setCursor: [(chart) => onCursor(chart.cursor.idx ?? null)] },
  }
}

/**
 * A time series drawn with uPlot (canvas, ~50 kB): made when the component mounts, destroyed when it unmounts, its
 * data replaced in place when new numbers arrive (a live report refreshing does not rebuild it), resized with its
 * container. Colours come from the app's theme. Pointing at it reads out the value under the pointer.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { label, series, kind, xLabel, yLabel, timezone, step, height, className } = props
  const containerRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<uPlot | null>(null)
  const [pointed, setPointed] = useState<number | null>(null)

  // Reads the latest props without making them a reason to rebuild the chart.
  const createChart = useEffectEvent((container: HTMLDivElement) =>
    new uPlot(optionsOf(props, Math.max(1, Math.floor(container.clientWidth)), setPointed), plotted(series, props.kind, props.step), container),
  )

  useEffect(() => {
    const container = containerRef.current
    if (!container) return
    const chart = createChart(container)
    chartRef.current = chart
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0)
      if (width > 0 && width !== chart.width) chart.setSize({ width, height: chart.height })
    })
    observer.observe(container)
    return () => {
      observer.disconnect()
      chart.destroy()
      chartRef.current = null
    }
  }, [kind, xLabel, yLabel, timezone, step, height])

  useEffect(() => {
    chartRef.current?.setData(plotted(series, kind, step))
  }, [series, kind, step])

  // The end point added for steps reads as the last period.
  const index = pointed === null ? null : Math.min(pointed, series.times.length - 1)
  const pointedTime = index === null ? undefined : series.times[index]
  const pointedValue = index === null ? undefined : series.values[index]
  return (
    <div className={cn('relative', className)}>
      {/* For pointer users; the table beside the chart gives everyone the same numbers. */}
      <p aria-hidden className="h-5 text-right text-xs font-medium text-slate-700 tabular-nums">
        {pointedTime !== undefined && pointedValue !== undefined ? `${props.formatTime(pointedTime)} · ${props.formatValue(pointedValue)}` : null}
      </p>
      <div ref={containerRef} role="img" aria-label={label} className="w-full" />
    </div>
  )
}
