// A process that writes through the app's Store without pause until SIGTERM:
// each write adds a user and their progress in one transaction. Prints the
// number of writes when it stops.
import { openDatabase } from '../../src/storage/database.ts';
import { Store } from '../../src/storage/store.ts';

const [path, firstId] = process.argv.slice(2);
const db = openDatabase(path!);
const store = new Store(db);
let id = Number(firstId ?? 1);
let writes = 0;
let stopping = false;
process.once('SIGTERM', () => (stopping = true));
const write = () => {
  if (stopping) {
    db.close();
    console.log(JSON.stringify({ writes }));
    return;
  }
  for (let i = 0; i < 20; i++, writes++) store.recordProgress(id++, 'calls', 1, false);
  setImmediate(write);
};
console.log('writing');
write();
