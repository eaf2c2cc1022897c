import type { HttpBindings } from '@hono/node-server';

/**
 * The customer's address on Node (`AppDeps.clientAddress`). With no proxy in front (`trustedProxyHops` 0) it is the
 * socket's peer, and X-Forwarded-For is ignored: anyone can send one. Behind N proxies that each append the address
 * they received from (nginx's `$proxy_add_x_forwarded_for`, a cloud load balancer), the customer is the N-th entry from
 * the right; what a customer wrote further left is not trusted. A header shorter than that falls back to the socket.
 * `warn` is called once when requests carry X-Forwarded-For but no proxy is trusted: every customer behind that proxy
 * then shares one address's rate limit.
 */
export function nodeClientAddress(trustedProxyHops: number, warn: (line: string) => void) {
  let warned = false;
  return (request: Request, env: unknown): string | undefined => {
    const socket = (env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress;
    const forwarded = request.headers.get('x-forwarded-for');
    if (trustedProxyHops === 0) {
      if (forwarded !== null && !warned) {
        warned = true;
        warn(
          'Requests arrive with X-Forwarded-For but TRUSTED_PROXY_HOPS is 0: every customer behind that proxy shares one rate limit. Set TRUSTED_PROXY_HOPS to the number of proxies in front of the edge.',
        );
      }
      return socket;
    }
    const hops = (forwarded ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    return hops.length >= trustedProxyHops ? hops[hops.length - trustedProxyHops] : socket;
  };
}
