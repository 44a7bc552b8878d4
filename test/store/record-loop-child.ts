/**
 * Stores scrubs without pause, several at a time as a busy server would, and prints
 * `ack <record id>` for each one the store has acknowledged, until it is killed.
 * With a small KEEP, the store's clock moves a day for every KEEP scrubs and records older
 * than a day go, so retention drops records as fast as they come and the journal is
 * compacted again and again while it runs.
 */
import { openClaimStore } from '../../src/store/index.js';
import { scrubbedClaims, withClaimId } from './helpers.js';

const [dataDir, round = '0', keep = '1000000'] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: record-loop-child.ts DATA_DIR [ROUND] [KEEP]');

const IN_FLIGHT = 16;
const claims = scrubbedClaims(40, 1000 + Number(round));
const DAY_MS = 86_400_000;
const aging = Number(keep) < 1000;
const step = DAY_MS / Number(keep);
let start = Date.now();
let next = 0;
// each scrub is stamped `step` after the one before; a restart carries on after the newest one kept
const now = (): Date => new Date(aging ? start + next * step : Date.now());
const store = await openClaimStore(dataDir, { maxScrubs: Number(keep), now, ...(aging ? { maxAgeDays: 1 } : {}) });
const newest = (await store.history({ limit: 1 })).items[0]?.scrubbedAt;
if (newest !== undefined) start = Math.max(start, Date.parse(newest) + step);
console.log('ready');

function recordOne(): void {
  const n = next++;
  const scrubbed = withClaimId(claims[n % claims.length]!, `R${round}-${n}`);
  store.recordScrub({ ...scrubbed, by: { username: null, role: null, address: '127.0.0.1' }, origin: 'rest' }).then(
    (record) => {
      process.stdout.write(`ack ${record.id}\n`);
      // a conversation now and then, so chat lines are in the journal too
      if (n % 5 === 0) store.appendChat(record.id, [{ at: record.scrubbedAt, role: 'user', text: `question ${n}` }]).catch(() => undefined);
      recordOne();
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
for (let i = 0; i < IN_FLIGHT; i++) recordOne();
