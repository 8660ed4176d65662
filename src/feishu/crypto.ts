import crypto from 'node:crypto';

// Feishu's event encryption: AES-256-CBC, key = SHA-256 of the encrypt key, IV in front, base64.
// https://open.feishu.cn/document/server-docs/event-subscription-guide/event-subscription-configure-/encrypt-key-encryption-configuration-case

function keyOf(encryptKey: string): Buffer {
  return crypto.createHash('sha256').update(encryptKey).digest();
}

export function decryptBody(encryptKey: string, encrypt: string): string {
  const buf = Buffer.from(encrypt, 'base64');
  if (buf.length < 32) throw new Error('encrypted body too short');
  const decipher = crypto.createDecipheriv('aes-256-cbc', keyOf(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

export function encryptBody(encryptKey: string, plain: string): string {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-256-cbc', keyOf(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** X-Lark-Signature = sha256(timestamp + nonce + encryptKey + raw body), hex. */
export function signBody(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return crypto
    .createHash('sha256')
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest('hex');
}

export function signatureMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
