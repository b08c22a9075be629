// A local stand-in for Amazon's Monetization service that answers at once: the product list of
// the skill (three products, one page), after the checks Amazon makes first (a bearer token and
// Accept-Language). Runs as its own process next to the load generator; prints its port.
import { createServer } from 'node:http';
import { PRODUCT_ID } from './envelopes.mjs';

const product = (productId, referenceName, name, type) => ({
  productId,
  referenceName,
  type,
  name,
  summary: `${name} opens new paths for the adventure.`,
  entitled: 'NOT_ENTITLED',
  entitlementReason: 'NOT_PURCHASED',
  purchasable: 'PURCHASABLE',
  activeEntitlementCount: 0,
  purchaseMode: 'TEST',
});
const LIST = Buffer.from(
  JSON.stringify({
    inSkillProducts: [
      product(PRODUCT_ID, 'cave_quest', 'Cave Quest', 'ENTITLEMENT'),
      product('amzn1.adg.product.0b9e8f7a-6c5d-4e3f-8a2b-1c0d9e8f7a6b', 'hint_pack', 'Hint Pack', 'CONSUMABLE'),
      product('amzn1.adg.product.7c6b5a49-3827-4165-a4b3-c2d1e0f9a8b7', 'cave_club', 'Cave Club', 'SUBSCRIPTION'),
    ],
    isTruncated: false,
    nextToken: null,
  }),
);
const PATH = '/v1/users/~current/skills/~current/inSkillProducts';

let served = 0;
const server = createServer({ keepAliveTimeout: 65_000 }, (request, response) => {
  const url = request.url || '';
  const pathOnly = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
  let status = 200;
  let body = LIST;
  // The runner asks how many lists were served: a check that every Buy really looked its product up.
  if (pathOnly === '/__served') [status, body] = [200, Buffer.from(JSON.stringify({ served }))];
  else if (!/^Bearer \S+$/.test(request.headers.authorization || '')) [status, body] = [401, Buffer.from('{"message":"Request is not authorized."}')];
  else if (!request.headers['accept-language']) [status, body] = [400, Buffer.from('{"message":"Accept-Language header is required."}')];
  else if (request.method !== 'GET' || pathOnly !== PATH) [status, body] = [404, Buffer.from('{"message":"Resource not found."}')];
  else served++;
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
  request.resume();
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
// Ends with the runner, however the runner ends.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
