'use strict';
// The part of fetch that skillshop's Monetization client uses (GET, headers, an abort signal;
// status and text() back), over node:http(s) with their keep-alive global agents.
const http = require('node:http');
const https = require('node:https');

function nodeHttpFetch(url, init = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, { method: init.method || 'GET', headers: init.headers, signal: init.signal }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode,
          ok: response.statusCode >= 200 && response.statusCode < 300,
          headers: { get: (name) => response.headers[name.toLowerCase()] ?? null },
          text: async () => text,
          json: async () => JSON.parse(text),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

module.exports = { nodeHttpFetch };
