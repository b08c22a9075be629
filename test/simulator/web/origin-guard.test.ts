/** The rules behind the debugger's DNS-rebinding protection. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopback, refusal } from '../../../src/simulator/web/origin-guard';

const LOCAL = { host: '127.0.0.1', port: 3100 };

describe('origin guard', () => {
  it('accepts loopback names and IP addresses (a rebinding attack needs a domain name)', () => {
    for (const host of ['127.0.0.1:3100', 'localhost:3100', 'LOCALHOST', '[::1]:3100', '192.168.1.20:3100']) {
      assert.equal(refusal({ host }, LOCAL), undefined, host);
    }
  });

  it('refuses other names, a missing Host and malformed ones', () => {
    for (const host of ['attacker.example:3100', 'localhost.attacker.example', '127.0.0.1.nip.io:3100', 'user@localhost', 'localhost/evil', undefined]) {
      assert.ok(refusal({ host }, LOCAL), String(host));
    }
  });

  it('accepts the name it was bound to with --host', () => {
    assert.equal(refusal({ host: 'devbox.lan:3100' }, { host: 'devbox.lan', port: 3100 }), undefined);
    assert.ok(refusal({ host: 'devbox.lan:3100' }, LOCAL));
  });

  it('an Origin must be this server: scheme, name and port', () => {
    const host = '127.0.0.1:3100';
    assert.equal(refusal({ host, origin: 'http://127.0.0.1:3100' }, LOCAL), undefined);
    assert.equal(refusal({ host, origin: 'http://localhost:3100' }, LOCAL), undefined);
    for (const origin of ['http://attacker.example', 'http://localhost:8080', 'https://127.0.0.1:3100', 'null', 'file://']) {
      assert.ok(refusal({ host, origin }, LOCAL), origin);
    }
  });

  it('knows which addresses are loopback', () => {
    assert.deepEqual(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0', '192.168.1.2'].map(isLoopback), [true, true, true, true, false, false]);
  });
});
