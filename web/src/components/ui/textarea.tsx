import type { ComponentProps } from 'react'
import { cn } from '@/lib/cn'
import { inputClasses } from './text-field'

export function Textarea({ className, rows = 4, ...props }: ComponentProps<'textarea'>) {
  return <textarea rows={rows} className={cn(inputClasses, 'min-h-28 resize-y', className)} {...props} />
}
