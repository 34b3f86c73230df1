// A Bot API stand-in that answers every sendMessage at once with a new
// message id: what the sender can do when the server costs nothing.
// Prints its port; run by bench/daily.bench.ts in a process of its own.
import { createServer } from 'node:http';

let messageId = 0;
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const body = `{"ok":true,"result":{"message_id":${++messageId},"date":0,"chat":{"id":0,"type":"private"}}}`;
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
