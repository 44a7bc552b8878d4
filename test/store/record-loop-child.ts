/**
 * Stores scrubs without pause, several at a time as a busy server would, and prints
 * `ack <record id>` for each one the store has acknowledged, until it is killed.
 * With a small KEEP, retention drops records as fast as they come, so the journal is
 * compacted again and again while it runs.
 */
import { openClaimStore } from '../../src/store/index.js';
import { scrubbedClaims, withClaimId } from './helpers.js';

const [dataDir, round = '0', keep = '1000000'] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: record-loop-child.ts DATA_DIR [ROUND] [KEEP]');

const IN_FLIGHT = 16;
const claims = scrubbedClaims(40, 1000 + Number(round));
const store = await openClaimStore(dataDir, { maxScrubs: Number(keep) });
console.log('ready');

let next = 0;
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
