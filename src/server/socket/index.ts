/**
 * socket.io on the service's HTTP server: the chat, live rule and data status, and batch
 * progress. Each socket has its own message budget, so one client flooding the server is
 * turned away (and, if it keeps on, disconnected) while every other client is answered.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { ReferenceStatus } from '../../reference/live.js';
import type { RulesStatus } from '../../ruleset/live.js';
import type { ServiceContext } from '../context.js';
import type { BatchProgressSink } from '../routes/batch.js';
import { sameOriginRequest } from '../same-origin.js';
import { ChatSession } from './chat.js';
import { socketProblem } from './payloads.js';
import { TokenBucket } from './rate-limit.js';

/** Dropped messages in a row after which a socket is taken for abusive and disconnected. */
const FLOOD_DISCONNECT_AFTER = 200;
/** At most one "too many messages" notice a second, so refusing a flood does not become one. */
const NOTICE_EVERY_MS = 1000;

export interface SocketLayer {
  io: Server;
  batchProgress: BatchProgressSink;
  pushRulesStatus(status: RulesStatus): void;
  pushDataStatus(status: ReferenceStatus): void;
  close(): Promise<void>;
}

export function attachSockets(http: HttpServer, context: ServiceContext): SocketLayer {
  const io = new Server(http, {
    maxHttpBufferSize: context.limits.bodyBytes,
    serveClient: true,
    // a page of another site must not chat or upload in this server's name
    allowRequest: (req, callback) => callback(null, sameOriginRequest(req)),
  });

  io.on('connection', (socket) => {
    context.logger.debug({ event: 'connect', socket: socket.id }, 'socket connected');
    limitMessages(socket, context);
    const chat = new ChatSession(socket, context);
    socket.on('chat:message', (payload: unknown) => chat.enqueue(payload));
    socket.emit('rules:status', context.rules.status());
    socket.on('disconnect', (reason) => context.logger.debug({ event: 'disconnect', socket: socket.id, reason }, 'socket disconnected'));
  });

  return {
    io,
    batchProgress: (socketId, event) => {
      io.sockets.sockets.get(socketId)?.emit('batch:progress', event);
    },
    pushRulesStatus: (status) => {
      io.emit('rules:status', status);
    },
    pushDataStatus: (status) => {
      io.emit('data:status', status);
    },
    close: () => new Promise<void>((resolve) => {
      io.disconnectSockets(true);
      // io.close() closes the HTTP server too; the server's own close waits for that
      void io.close(() => resolve());
    }),
  };
}

/** Every incoming event spends from the socket's budget; over it, events are dropped with a notice. */
function limitMessages(socket: Socket, context: ServiceContext): void {
  const { burst, perSecond } = context.limits.chat;
  const bucket = new TokenBucket(burst, perSecond);
  let droppedInARow = 0;
  let lastNotice = 0;
  socket.use((packet, next) => {
    if (bucket.take()) {
      droppedInARow = 0;
      next();
      return;
    }
    droppedInARow++;
    const event = typeof packet[0] === 'string' ? packet[0] : 'message';
    if (droppedInARow >= FLOOD_DISCONNECT_AFTER) {
      context.logger.warn({ event: 'flood', socket: socket.id, dropped: droppedInARow }, 'socket disconnected for flooding');
      socket.disconnect(true);
      return;
    }
    const now = Date.now();
    if (now - lastNotice >= NOTICE_EVERY_MS) {
      lastNotice = now;
      socket.emit('error', socketProblem(event, 'SJ_SOCKET_FLOOD', `too many messages: at most ${burst} at once and ${perSecond} a second; this one was not answered`));
    }
  });
}
