/** The page served at `/` until the full web client ships: what the service is and how to use its API. */

/**
 * Served from its own route rather than inline so the Content-Security-Policy can keep
 * `style-src 'self'` without `'unsafe-inline'`.
 */
export const PAGE_CSS_PATH = '/page.css';
export const PAGE_CSS =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;color:#1d2733}code{background:#eef2f6;padding:.1rem .3rem;border-radius:3px}\n';

export function placeholderPage(ruleCount: number): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scrubjay</title>
<link rel="stylesheet" href="${PAGE_CSS_PATH}">
</head><body>
<h1>Scrubjay</h1>
<p>Claim scrubber running with <strong>${ruleCount}</strong> rules.</p>
<p>Scrub a claim: <code>POST /api/scrub</code> with the claim JSON as the body. Rules: <code>GET /api/rules</code>. Health: <code>GET /api/health</code>.</p>
</body></html>`;
}
