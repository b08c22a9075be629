import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, readZip, writeZip } from '../../src/deploy/zip';

describe('the ZIP writer', () => {
  it('computes the CRC-32 ZIP uses', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.alloc(0)), 0);
  });

  it('round-trips deflated and stored entries, UTF-8 names included', () => {
    const big = JSON.stringify({ interactionModel: { languageModel: { intents: Array.from({ length: 50 }, (_, i) => ({ name: `Intent${i}`, samples: ['buy', 'shop'] })) } } });
    const entries = [
      { name: 'skill.json', data: big },
      { name: 'interactionModels/custom/en-US.json', data: Buffer.from('{}') },
      { name: 'assets/é.txt', data: 'ü' },
      { name: 'empty', data: '' },
    ];
    const zip = writeZip(entries);
    assert.ok(zip.length < big.length, 'deflated');
    assert.deepEqual(readZip(zip).map((e) => [e.name, e.data.toString()]), entries.map((e) => [e.name, e.data.toString()]));
  });

  it('is deterministic and refuses bad names', () => {
    const entries = [{ name: 'skill.json', data: '{"a":1}' }];
    assert.deepEqual(writeZip(entries), writeZip(entries));
    assert.throws(() => writeZip([{ name: '../x', data: '' }]), /Bad ZIP entry name/);
    assert.throws(() => writeZip([{ name: '/x', data: '' }]), /Bad ZIP entry name/);
    assert.throws(() => writeZip([{ name: 'a', data: '' }, { name: 'a', data: '' }]), /Duplicate/);
  });

  it('detects corruption', () => {
    const zip = writeZip([{ name: 'skill.json', data: 'x'.repeat(10) }]);
    const broken = Buffer.from(zip);
    broken[30 + 'skill.json'.length]! ^= 0xff;
    assert.throws(() => readZip(broken), /Corrupt ZIP: skill\.json/);
    const stored = writeZip([{ name: 'a.bin', data: Buffer.from([1, 2, 3]) }]); // too small to deflate: stored
    stored[30 + 'a.bin'.length]! ^= 0xff;
    assert.throws(() => readZip(stored), /Corrupt ZIP: a\.bin fails its CRC check/);
    assert.throws(() => readZip(Buffer.from('not a zip at all, really not a zip')), /no end of central directory/);
  });

  it('writes archives a standard tool reads (Python zipfile, where Python is installed)', (t) => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) {
      t.skip('python3 is not installed');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'skillshop-zip-'));
    const file = join(dir, 'package.zip');
    writeFileSync(file, writeZip([{ name: 'skill.json', data: JSON.stringify({ manifest: { a: 'x'.repeat(500) } }) }, { name: 'interactionModels/custom/en-US.json', data: '{}' }]));
    const script = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(",".join(z.namelist()))';
    const result = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'skill.json,interactionModels/custom/en-US.json');
  });
});
