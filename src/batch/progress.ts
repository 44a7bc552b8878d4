/**
 * How far a batch has got: bytes read of the total and claims scrubbed. Counting is a
 * pair of additions per claim; showing it is a timer's job, so a fast scrub never waits
 * on a terminal.
 */
import cliProgress from 'cli-progress';

export interface ProgressSnapshot {
  bytes: number;
  /** the size of every input together; 0 when unknown */
  totalBytes: number;
  claims: number;
  elapsedMs: number;
}

export class BatchProgress {
  private bytes = 0;
  private claims = 0;
  private readonly started = performance.now();

  constructor(readonly totalBytes: number) {}

  addBytes(count: number): void {
    this.bytes += count;
  }

  addClaim(): void {
    this.claims++;
  }

  snapshot(): ProgressSnapshot {
    return { bytes: this.bytes, totalBytes: this.totalBytes, claims: this.claims, elapsedMs: performance.now() - this.started };
  }
}

export interface ProgressDisplay {
  stop(): void;
}

/** Between plain progress lines when the stream is not a terminal (a log, a CI job). */
export const PLAIN_LINE_INTERVAL_MS = 5000;
const BAR_INTERVAL_MS = 200;

/**
 * Shows progress on `stream` (standard error): a bar redrawn in place on a terminal; a
 * plain line every few seconds otherwise, so a log shows the run is alive without
 * filling up.
 */
export function showProgress(progress: BatchProgress, stream: NodeJS.WriteStream): ProgressDisplay {
  return stream.isTTY ? showBar(progress, stream) : showLines(progress, stream);
}

function showBar(progress: BatchProgress, stream: NodeJS.WriteStream): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // a pipe has no size: then only what was read is shown
      format:
        progress.totalBytes > 0
          ? 'checking {bar} {percentage}% | {done} of {size} | {claims} claims | {rate} claims/s | {duration_formatted}'
          : 'checking | {done} read | {claims} claims | {rate} claims/s | {duration_formatted}',
      hideCursor: true,
      barsize: 30,
      fps: 1000 / BAR_INTERVAL_MS,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (s: ProgressSnapshot) => ({ done: formatBytes(s.bytes), size: formatBytes(s.totalBytes), claims: formatCount(s.claims), rate: formatCount(rate(s)) });
  const first = progress.snapshot();
  bar.start(Math.max(1, first.totalBytes), 0, payload(first));
  const timer = setInterval(() => {
    const s = progress.snapshot();
    bar.update(Math.min(s.bytes, Math.max(1, s.totalBytes)), payload(s));
  }, BAR_INTERVAL_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const s = progress.snapshot();
      bar.update(Math.min(s.bytes, Math.max(1, s.totalBytes)), payload(s));
      bar.stop();
    },
  };
}

function showLines(progress: BatchProgress, stream: NodeJS.WriteStream): ProgressDisplay {
  const timer = setInterval(() => stream.write(`${formatProgressLine(progress.snapshot())}\n`), PLAIN_LINE_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

export function formatProgressLine(s: ProgressSnapshot): string {
  const share = s.totalBytes > 0 ? ` (${Math.floor((100 * s.bytes) / s.totalBytes)}%)` : '';
  const of = s.totalBytes > 0 ? ` of ${formatBytes(s.totalBytes)}` : '';
  return `scrubjay check: ${formatCount(s.claims)} claims, ${formatBytes(s.bytes)}${of} read${share}, ${formatCount(rate(s))} claims/s`;
}

function rate(s: ProgressSnapshot): number {
  return s.elapsedMs > 0 ? Math.round((s.claims * 1000) / s.elapsedMs) : 0;
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
