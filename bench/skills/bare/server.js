'use strict';
// The floor: node:http, read the body, JSON.parse it, answer per request type. No framework.
// Buy looks the product up at the request's own Monetization endpoint like every other entry
// (node:http with the keep-alive global agent: the least work a correct skill can do), unless
// BENCH_LOOKUP=0, which answers with a fixed product id. With BENCH_VERIFY=1 it does the same
// RSA-SHA256 check over the raw body as the frameworks, with the chain parsed once at start-up
// (a cached chain), plus the 150 s timestamp rule: the `bare+verify` floor.

const http = require('node:http');
const { readFileSync } = require('node:fs');
const { X509Certificate, verify } = require('node:crypto');
const { SKILL, settings } = require('../common.js');

const config = settings();

const ssml = (text) => ({ type: 'SSML', ssml: `<speak>${text}</speak>` });
const LAUNCH = JSON.stringify({
  version: '1.0',
  response: { outputSpeech: ssml(SKILL.welcome), reprompt: { outputSpeech: ssml(SKILL.reprompt) }, shouldEndSession: false },
});
const tell = (text) => JSON.stringify({ version: '1.0', response: { outputSpeech: ssml(text), shouldEndSession: true } });
const ACCEPTED = tell(SKILL.accepted);
const DECLINED = tell(SKILL.declined);
const OWNED = tell(SKILL.owned);
const UNKNOWN = tell(SKILL.unknownProduct);
const FIXED_PRODUCT_ID = 'amzn1.adg.product.5a2c9d8e-3b1f-4c6a-9e7d-0f1e2d3c4b5a';
const buy = (productId) =>
  JSON.stringify({
    version: '1.0',
    response: {
      directives: [{ type: 'Connections.SendRequest', name: 'Buy', payload: { InSkillProduct: { productId } }, token: 'correlationToken' }],
      shouldEndSession: true,
    },
  });

const signingKeys = new Map();
if (config.verify) {
  const pem = readFileSync(config.chainFile, 'utf8');
  const signing = new X509Certificate(pem.slice(0, pem.indexOf('-----END CERTIFICATE-----') + 25));
  signingKeys.set(config.certUrl, { key: signing.publicKey, notBefore: Date.parse(signing.validFrom), notAfter: Date.parse(signing.validTo) });
}

function lookUp(system, locale) {
  return new Promise((resolve, reject) => {
    const url = new URL('/v1/users/~current/skills/~current/inSkillProducts', system.apiEndpoint);
    const request = http.get(url, { headers: { authorization: `Bearer ${system.apiAccessToken}`, 'accept-language': locale } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        if (response.statusCode !== 200) return reject(new Error(`Monetization service: ${response.statusCode}`));
        const products = JSON.parse(Buffer.concat(chunks).toString('utf8')).inSkillProducts;
        resolve(products.find((product) => product.referenceName === SKILL.productReferenceName));
      });
    });
    request.on('error', reject);
  });
}

async function answer(raw, headers) {
  if (config.verify) {
    const cached = signingKeys.get(headers.signaturecertchainurl);
    const now = Date.now();
    if (!cached || now < cached.notBefore || now > cached.notAfter) return [400, '{"error":"certificate"}'];
    const signature = headers['signature-256'];
    if (!signature || !verify('sha256', raw, cached.key, Buffer.from(signature, 'base64'))) return [400, '{"error":"signature"}'];
  }
  const envelope = JSON.parse(raw.toString('utf8'));
  const request = envelope.request;
  if (config.verify && !(Math.abs(Date.now() - Date.parse(request.timestamp)) <= 150_000)) return [400, '{"error":"timestamp"}'];
  switch (request.type) {
    case 'LaunchRequest':
      return [200, LAUNCH];
    case 'IntentRequest': {
      if (!config.lookup) return [200, buy(FIXED_PRODUCT_ID)];
      const product = await lookUp(envelope.context.System, request.locale);
      if (!product) return [200, UNKNOWN];
      return [200, product.entitled === 'ENTITLED' ? OWNED : buy(product.productId)];
    }
    case 'Connections.Response':
      return [200, request.payload && request.payload.purchaseResult === 'ACCEPTED' ? ACCEPTED : DECLINED];
    default:
      return [200, '{"version":"1.0","response":{}}'];
  }
}

// bench/ab.mjs runs the floor's answer in process (`floor` side); the runner starts this file.
module.exports = { answer };
if (require.main !== module) return;

const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    answer(Buffer.concat(chunks), req.headers).then(
      ([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      (error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      },
    );
  });
});
server.listen(config.port, config.host);
