import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/** The Standard Webhooks prefix: receivers' libraries (`new Webhook(secret)`) strip it and base64-decode the rest. */
const secretPrefix = 'whsec_'
const ciphertextVersion = 'v1'

/**
 * Signing secrets of outgoing webhooks. Unlike an API key, which the server only has to recognise (it keeps a hash),
 * a signing secret must be used again for every delivery, so it is kept encrypted: AES-256-GCM under a key derived
 * from the server secret, as join tokens derive theirs. A copy of the database alone (a backup, a replica) then
 * cannot forge this installation's webhooks. Each ciphertext is bound to its endpoint's id (the GCM additional
 * data), so one endpoint's secret cannot be copied onto another row.
 *
 * Rotating SESSION_SECRET changes the key, and every stored signing secret becomes unreadable: deliveries then fail
 * with "the signing secret cannot be read" (retried, counted as failures) until each endpoint's secret is rotated
 * (Settings → Webhooks → "Rotate secret", or POST /api/webhook-endpoints/:id/rotate-secret) and the receiver given
 * the new one. (Rotating SESSION_SECRET also signs everyone out and retires every join link.)
 */
export function createWebhookSecrets(serverSecret: string) {
  // A key of its own, so that this encryption never shares a secret directly with session cookies or join links.
  const key = createHmac('sha256', serverSecret).update('webhook-signing-secret-key/v1').digest()

  return {
    /** A new secret: 32 random bytes, base64 (Standard Webhooks asks for 24 to 64). */
    generate(): string {
      return secretPrefix + randomBytes(32).toString('base64')
    },

    encrypt(secret: string, endpointId: string): string {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(endpointId))
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
      return [ciphertextVersion, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
    },

    /** The secret, or undefined when this server's key cannot open it (SESSION_SECRET changed since it was stored). */
    decrypt(stored: string, endpointId: string): string | undefined {
      const [version, iv, tag, ciphertext] = stored.split('.')
      if (version !== ciphertextVersion || !iv || !tag || ciphertext === undefined) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
          .setAAD(Buffer.from(endpointId))
          .setAuthTag(Buffer.from(tag, 'base64url'))
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
      } catch {
        return undefined
      }
    },
  }
}

export type WebhookSecrets = ReturnType<typeof createWebhookSecrets>
