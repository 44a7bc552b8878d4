/**
 * Only the host names the server is known by are answered. Without this, a page on any site
 * could point a name of its own at 127.0.0.1 (DNS rebinding) and read the API through the
 * biller's browser, since to the browser that is the page's own origin. A request naming
 * another host gets 421 and no body, before anything else runs.
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';

export const DEFAULT_ALLOWED_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;

/** The default list plus the address the server listens on (unless that is every address, which names no host). */
export function allowedHostsFor(bindHost: string, given: readonly string[] | undefined): Set<string> {
  const hosts = new Set<string>((given && given.length > 0 ? given : DEFAULT_ALLOWED_HOSTS).map(normalHost));
  if (given === undefined || given.length === 0) {
    if (bindHost !== '0.0.0.0' && bindHost !== '::' && bindHost !== '') hosts.add(normalHost(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost));
  }
  return hosts;
}

/** Whether a host name (or address, bracketed or not) reaches only this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The host name of a Host header without its port: `[::1]:3000` → `[::1]`, `Example.org:80` → `example.org`. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const host = header.trim().toLowerCase();
  const match = host.startsWith('[') ? /^(\[[0-9a-f:.]+\])(?::\d+)?$/.exec(host) : /^([^:]+)(?::\d+)?$/.exec(host);
  return match ? match[1]!.replace(/\.$/, '') : null;
}

export function isAllowedHost(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const name = hostName(req.headers.host);
  return name !== null && allowed.has(name);
}

export function refuseUnknownHosts(allowed: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    if (isAllowedHost(req, allowed)) {
      next();
      return;
    }
    res.status(421).end();
  };
}
