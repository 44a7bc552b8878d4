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
import { can, type Permission, type User } from '../../access/index.js';
import { isAllowedHost } from '../allowed-hosts.js';
import { sameOriginRequest } from '../same-origin.js';
import { sessionToken } from '../session-cookie.js';
import { rulesStatusFor } from '../rule-views.js';
import { ChatSession } from './chat.js';
import { socketProblem } from './payloads.js';
import { TokenBucket } from './rate-limit.js';

/** Dropped messages in a row after which a socket is taken for abusive and disconnected. */
const FLOOD_DISCONNECT_AFTER = 200;
/** How often open sockets are checked for a session that ended without them sending anything. */
const SESSION_SWEEP_MS = 1000;
/** At most one "too many messages" notice a second, so refusing a flood does not become one. */
const NOTICE_EVERY_MS = 1000;

export interface SocketLayer {
  io: Server;
  batchProgress: BatchProgressSink;
  pushRulesStatus(status: RulesStatus): void;
  pushDataStatus(status: ReferenceStatus): void;
  /** an event for every socket of one user */
  toUser(username: string, event: string, payload: unknown): void;
  close(): Promise<void>;
}

export function attachSockets(http: HttpServer, context: ServiceContext): SocketLayer {
  const io = new Server(http, {
    maxHttpBufferSize: context.limits.bodyBytes,
    serveClient: true,
    // a page of another site (or a rebound host name) must not chat or upload in this server's name
    allowRequest: (req, callback) => callback(null, isAllowedHost(req, context.http.allowedHosts) && sameOriginRequest(req, context.http.trustProxy)),
  });

  const socketsOf = new Map<string, number>();
  // the handshake carries the session cookie: no session, no socket (the contract's `unauthorized`)
  io.use((socket, next) => {
    const token = sessionToken(socket.request);
    const user = context.access.userOf(token);
    if (!user) {
      next(new Error('unauthorized'));
      return;
    }
    const open = socketsOf.get(user.username) ?? 0;
    if (open >= context.http.socketsPerUser) {
      next(new Error(`too many connections: at most ${context.http.socketsPerUser} for one user`));
      return;
    }
    socketsOf.set(user.username, open + 1);
    socket.data.user = user;
    socket.data.token = token;
    next();
  });

  io.on('connection', (socket) => {
    const user = socket.data.user as User;
    context.logger.debug({ event: 'connect', socket: socket.id }, 'socket connected');
    limitMessages(socket, context);
    checkEveryEvent(socket, context);
    const chat = new ChatSession(socket, context, () => socket.data.user as User);
    socket.on('chat:message', (payload: unknown) => chat.enqueue(payload));
    socket.on('disconnect', () => {
      const left = (socketsOf.get(user.username) ?? 1) - 1;
      if (left <= 0) socketsOf.delete(user.username);
      else socketsOf.set(user.username, left);
    });
    socket.emit('rules:status', rulesStatusFor(context.rules.status(), user.role));
    socket.on('disconnect', (reason) => context.logger.debug({ event: 'disconnect', socket: socket.id, reason }, 'socket disconnected'));
  });

  // a disabled account, a reset password or an expired session ends its sockets within a second, event or not
  const sweep = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      if (context.access.userOf(socket.data.token as string | undefined, false)) continue;
      socket.emit('error', socketProblem('session', 'SJ_AUTH_REQUIRED', 'your session has ended; sign in again'));
      socket.disconnect(true);
    }
  }, SESSION_SWEEP_MS).unref();

  return {
    io,
    batchProgress: (socketId, event) => {
      io.sockets.sockets.get(socketId)?.emit('batch:progress', event);
    },
    pushRulesStatus: (status) => {
      for (const socket of io.sockets.sockets.values()) {
        const user = socket.data.user as User | undefined;
        if (user) socket.emit('rules:status', rulesStatusFor(status, user.role));
      }
    },
    toUser: (username, event, payload) => {
      for (const socket of io.sockets.sockets.values()) {
        if ((socket.data.user as User | undefined)?.username === username) socket.emit(event, payload);
      }
    },
    pushDataStatus: (status) => {
      io.emit('data:status', status);
    },
    close: () => new Promise<void>((resolve) => {
      clearInterval(sweep);
      io.disconnectSockets(true);
      // io.close() closes the HTTP server too; the server's own close waits for that
      void io.close(() => resolve());
    }),
  };
}

/** What each event a client may send needs; an event not listed is refused to everyone. */
const EVENT_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'chat:message': 'scrub',
};

/**
 * A socket outlives many requests, so its session is checked again at every event: a
 * signed-out, expired or disabled session ends the socket, and a role changed from the
 * shell counts from the next event.
 */
function checkEveryEvent(socket: Socket, context: ServiceContext): void {
  socket.use((packet, next) => {
    const event = typeof packet[0] === 'string' ? packet[0] : 'message';
    const user = context.access.userOf(socket.data.token as string | undefined);
    if (!user) {
      socket.emit('error', socketProblem(event, 'SJ_AUTH_REQUIRED', 'your session has ended; sign in again'));
      socket.disconnect(true);
      return;
    }
    socket.data.user = user;
    const needed = EVENT_PERMISSIONS[event];
    if (!needed || !can(user.role, needed)) {
      socket.emit('error', socketProblem(event, 'SJ_AUTH_FORBIDDEN', needed ? `your role (${user.role}) may not do this: it needs the ${needed} permission` : `no event "${event.slice(0, 40)}" is accepted`));
      return;
    }
    next();
  });
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
