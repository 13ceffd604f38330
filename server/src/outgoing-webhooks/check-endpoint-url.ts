import { AppError } from '../errors.ts'
import { resolveWebhookUrl, WebhookUrlRefusedError } from './webhook-url-guard.ts'

/** The URL as it will be stored (normalised), or a 400 whose `url` field says what is wrong with it. */
export async function checkEndpointUrl(text: string, { isPrivateUrlAllowed }: { isPrivateUrlAllowed: boolean }): Promise<string> {
  try {
    const { url } = await resolveWebhookUrl(text, { isPrivateAllowed: isPrivateUrlAllowed })
    return url.href
  } catch (error) {
    if (error instanceof WebhookUrlRefusedError) throw new AppError('validation_failed', `url: ${error.message}`, { url: error.message })
    throw error
  }
}
