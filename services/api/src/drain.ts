/**
 * Graceful shutdown without dropping a request. On SIGTERM:
 *   1. every answer from now on carries `Connection: close`, so a client does
 *      not send another request on that connection;
 *   2. for up to DRAIN_MS the instance keeps serving while connections are
 *      open: a client that sends on a connection it already had gets its
 *      answer. Without this pause, closing the server ends idle keep-alive
 *      connections at once (Node does so in server.close()), and a request a
 *      client sends on one at that moment meets a reset;
 *   3. then the server closes: no new connections ("connection refused": safe
 *      to try another instance), a request still arriving on an open
 *      connection gets 503 (Fastify's return503OnClosing), requests running
 *      finish before the process goes on to stop the background work and pool.
 * Durations are monotonic (performance.now), not wall-clock time.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const DRAIN_MS = 1_000;
const CHECK_EVERY_MS = 50;

export interface Drain {
  /** Drains, then runs `close` (which stops accepting and resolves when every connection is gone). */
  closeWith(close: () => Promise<void>): Promise<void>;
}

export function trackConnections(server: Server): Drain {
  const open = new Set<Socket>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (_request, response) => {
    if (closing && !response.headersSent) response.setHeader('connection', 'close');
  });
  return {
    async closeWith(close) {
      closing = true;
      const until = performance.now() + DRAIN_MS;
      while (open.size > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS));
      await close();
    },
  };
}
