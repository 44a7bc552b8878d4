import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchProgress, PLAIN_LINE_INTERVAL_MS, showProgress } from '../../src/batch/progress.js';
import { waitFor } from '../support/wait.js';

/** Standard error as a test can read it: a terminal of 160 columns, or a log file. */
function standardError(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  Object.assign(stream, { isTTY, columns: 160 });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('batch progress on standard error', () => {
  it('on a terminal, redraws a bar with the share of the file read and the claims so far, ending at 100%', async () => {
    const { stream, text } = standardError(true);
    const progress = new BatchProgress(2048);
    const display = showProgress(progress, stream);
    progress.addBytes(1024);
    for (let i = 0; i < 7; i++) progress.addClaim();
    await waitFor('the bar to show 7 claims', () => (text().includes('| 7 claims |') ? true : undefined), text, 5000);
    expect(text()).toContain('50%');
    expect(text()).toContain('1.0 KB of 2.0 KB');

    progress.addBytes(1024);
    progress.addClaim();
    display.stop();
    expect(text()).toContain('100%');
    expect(text()).toContain('| 8 claims |');
  });

  it('in a log, writes one plain line every few seconds rather than redrawing, and stops when told', () => {
    vi.useFakeTimers();
    const { stream, text } = standardError(false);
    const progress = new BatchProgress(4 * 1024 * 1024);
    const display = showProgress(progress, stream);
    progress.addBytes(1024 * 1024);
    for (let i = 0; i < 1500; i++) progress.addClaim();
    vi.advanceTimersByTime(PLAIN_LINE_INTERVAL_MS - 1);
    expect(text()).toBe('');
    vi.advanceTimersByTime(1);
    expect(text()).toMatch(/^scrubjay check: 1,500 claims, 1\.0 MB of 4\.0 MB read \(25%\), [\d,]+ claims\/s\n$/);
    display.stop();
    vi.advanceTimersByTime(PLAIN_LINE_INTERVAL_MS * 3);
    expect(text().split('\n').filter(Boolean)).toHaveLength(1);
    expect(text()).not.toContain('\u001b[');
  });
});
