import escapeHtml from 'escape-html'

/** Markup that has already been through `html`, so it is inserted as is instead of escaped again. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup
  }
}

type Interpolation = string | number | SafeHtml | readonly Interpolation[] | null | undefined | false

/**
 * A tagged template that escapes every interpolated value, so names, titles and descriptions typed by
 * users can never become markup. Nested `html` fragments (and lists of them) are kept as they are; nothing
 * else can be inserted unescaped, which is why there is no "raw" escape hatch.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let markup = strings[0] ?? ''
  values.forEach((value, index) => {
    markup += render(value) + (strings[index + 1] ?? '')
  })
  return new SafeHtml(markup)
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof SafeHtml) return value.markup
  if (Array.isArray(value)) return value.map(render).join('')
  return escapeHtml(String(value))
}
