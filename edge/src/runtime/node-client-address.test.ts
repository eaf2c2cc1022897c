import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { nodeClientAddress } from './node-client-address.ts';

const env = { incoming: { socket: { remoteAddress: '10.0.0.5' } } as IncomingMessage };
const request = (forwardedFor?: string) =>
  new Request('http://edge/v1/chat', forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {});

describe('nodeClientAddress', () => {
  it('uses the socket and ignores X-Forwarded-For when no proxy is trusted, warning once', () => {
    const lines: string[] = [];
    const address = nodeClientAddress(0, (l) => lines.push(l));
    expect(address(request(), env)).toBe('10.0.0.5');
    expect(lines).toEqual([]);
    expect(address(request('1.2.3.4'), env)).toBe('10.0.0.5');
    expect(address(request('5.6.7.8'), env)).toBe('10.0.0.5');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/TRUSTED_PROXY_HOPS is 0/);
  });

  it('takes the entry the trusted proxies added, not what the customer wrote in front of it', () => {
    const warn = () => {
      throw new Error('no warning expected');
    };
    // The customer forged "6.6.6.6"; nginx appended the real peer.
    expect(nodeClientAddress(1, warn)(request('6.6.6.6, 203.0.113.7'), env)).toBe('203.0.113.7');
    // A CDN appended the customer, then nginx appended the CDN's node.
    expect(nodeClientAddress(2, warn)(request('6.6.6.6,203.0.113.7, 198.51.100.2'), env)).toBe('203.0.113.7');
  });

  it('falls back to the socket when the header is shorter than the trusted chain', () => {
    const address = nodeClientAddress(2, () => {});
    expect(address(request('203.0.113.7'), env)).toBe('10.0.0.5');
    expect(address(request(), env)).toBe('10.0.0.5');
  });

  it('has no address without the Node bindings (a test calling app.request)', () => {
    expect(nodeClientAddress(0, () => {})(request(), undefined)).toBeUndefined();
  });
});
