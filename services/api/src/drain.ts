/**
 * Graceful shutdown without dropping a request. When closing starts:
 *   - no new connections are accepted (a client gets "connection refused"
 *     and can safely try another instance);
 *   - requests already running finish, and their answers carry
 *     `Connection: close` so the client does not send more on that connection;
 *   - a request that still arrives on an open connection gets 503 with
 *     `Connection: close` (Fastify's return503OnClosing), never a reset;
 *   - a connection is closed only after it has been idle for IDLE_GRACE_MS: a
 *     connection that was just opened, or whose next request is still on its
 *     way, is idle to Node, and closing it at once would reset a request the
 *     client has already sent. Durations are monotonic (performance.now), not wall-clock time.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const IDLE_GRACE_MS = 1_000;
const SWEEP_EVERY_MS = 100;

interface ConnectionState {
  busy: number;
  idleSince: number;
}

export interface Drain {
  /** Runs `close` (which stops accepting and resolves when every connection is gone) while draining the rest. */
  closeWith(close: () => Promise<void>): Promise<void>;
}

export function trackConnections(server: Server): Drain {
  const connections = new Map<Socket, ConnectionState>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { busy: 0, idleSince: performance.now() });
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (request, response) => {
    const state = connections.get(request.socket);
    if (closing && !response.headersSent) response.setHeader('connection', 'close');
    if (!state) return;
    state.busy++;
    response.once('close', () => {
      state.busy--;
      state.idleSince = performance.now();
    });
  });
  return {
    async closeWith(close) {
      closing = true;
      const sweep = setInterval(() => {
        const now = performance.now();
        for (const [socket, state] of connections) if (state.busy === 0 && now - state.idleSince >= IDLE_GRACE_MS) socket.destroy();
      }, SWEEP_EVERY_MS);
      try {
        await close();
      } finally {
        clearInterval(sweep);
      }
    },
  };
}
