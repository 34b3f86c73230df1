// grammY fetches with node-fetch, which closes the connection after every
// request unless given an agent: one keep-alive connection pool instead saves
// a TCP (and TLS) handshake per message.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

export function keepAliveFetchConfig(apiRoot: string): { agent: HttpAgent } {
  const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16 };
  return { agent: apiRoot.startsWith('https:') ? new HttpsAgent(options) : new HttpAgent(options) };
}
