import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// Node's built-in scrypt: memory-hard, no native addon to build. Parameters live in the stored hash,
// so they can be raised later without invalidating existing passwords.
const defaults = { N: 16384, r: 8, p: 1, keyLength: 64 }

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const { N, r, p, keyLength } = defaults
  const key = await scrypt(password, salt, keyLength, { N, r, p })
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, expected] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !expected) return false
  const expectedKey = Buffer.from(expected, 'base64url')
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expectedKey.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  })
  return timingSafeEqual(key, expectedKey)
}

/** Checked against when the e-mail is unknown, so that a wrong e-mail takes as long as a wrong password. */
export const unusablePasswordHash = await hashPassword(randomBytes(16).toString('hex'))
