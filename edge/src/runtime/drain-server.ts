import type { Server } from 'node:http';

/**
 * Stops `server` the way a rolling deploy needs it: it stops listening at once (a load balancer's next connection is
 * refused, so the replica drops out), lets the replies being streamed finish, and closes keep-alive connections as
 * they fall idle. Connections still open after `graceMs` are closed: their customers' replies are cut and stored as
 * aborted. Resolves with what happened once every connection has closed.
 */
export function drainServer(server: Server, graceMs: number): Promise<'drained' | 'cut'> {
  return new Promise((resolve) => {
    let outcome: 'drained' | 'cut' = 'drained';
    // A connection whose reply ended becomes idle only afterwards; close those as they appear.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      outcome = 'cut';
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve(outcome);
    });
    server.closeIdleConnections();
  });
}
