/**
 * The page: static files from the package's `web/` folder (HTML, CSS and browser modules,
 * no build step). The strict Content-Security-Policy allows only files of this origin, so
 * nothing is inline; the socket.io client module is served by socket.io itself.
 */
import { dirname, join } from 'node:path';
import express, { type RequestHandler } from 'express';
import { readFileSync } from 'node:fs';
import { SHIPPED_RULES_DIR } from '../config/paths.js';

/** Beside the shipped rules, wherever the package is installed (from src/ in development, dist/ when built). */
export const WEB_DIR = join(dirname(SHIPPED_RULES_DIR), 'web');

export function pageFiles(dir: string = WEB_DIR): RequestHandler {
  return express.static(dir, {
    index: 'index.html',
    dotfiles: 'ignore',
    // the page is small and changes with the package: always revalidated, never stale after an upgrade
    cacheControl: true,
    maxAge: 0,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
}

/** The first account's form; the token stays in the address, where the page's script reads it. */
export function setupPage(dir: string = WEB_DIR): RequestHandler {
  const html = readFileSync(join(dir, 'setup.html'));
  return (_req, res) => {
    // the token is in the address: it must not leave in a Referer
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(html);
  };
}
