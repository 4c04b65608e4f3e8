// JSON Web Tokens signed with HMAC-SHA256 (RFC 7519/7515), with node:crypto: the one algorithm
// jitsi-meet-tokens checks with a shared secret, and not worth a dependency.
import { createHmac } from 'node:crypto';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signHs256(claims: object, secret: string): string {
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
