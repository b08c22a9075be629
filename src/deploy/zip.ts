/**
 * A minimal ZIP writer (and reader, for tests and checks) for the skill package upload: entries
 * deflated with node:zlib, or stored when deflating does not help. No ZIP64, no encryption, no
 * extra fields: a skill package is a handful of small JSON files, and SMAPI takes plain ZIPs.
 * Timestamps are fixed (1980-01-01), so the same files always give byte-identical archives.
 *
 * Format: PKWARE APPNOTE.TXT 6.3 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT),
 * sections 4.3.7 (local header), 4.3.12 (central directory) and 4.3.16 (end of central directory).
 *
 * @example
 * const zip = writeZip([{ name: 'skill.json', data: JSON.stringify(manifest) }]);
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  name: string;
  data: Buffer | string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20; // 2.0: deflate and folders
const UTF8_NAMES = 0x0800; // general purpose bit 11
const STORED = 0;
const DEFLATED = 8;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const MAX_16 = 0xffff;
const MAX_32 = 0xffffffff;

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, the one ZIP uses). */
export function crc32(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Builds a ZIP archive of the entries, in the order given. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > MAX_16) throw new RangeError(`A ZIP without ZIP64 holds at most ${MAX_16} entries.`);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const names = new Set<string>();
  for (const entry of entries) {
    const name = entry.name.replace(/\\/g, '/');
    if (name === '' || name.startsWith('/') || name.split('/').includes('..')) throw new RangeError(`Bad ZIP entry name "${entry.name}".`);
    if (names.has(name)) throw new RangeError(`Duplicate ZIP entry "${name}".`);
    names.add(name);
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const deflated = deflateRawSync(data, { level: 9 });
    const method = deflated.length < data.length ? DEFLATED : STORED;
    const body = method === DEFLATED ? deflated : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    if (offset > MAX_32 || body.length > MAX_32 || data.length > MAX_32) throw new RangeError('A ZIP without ZIP64 holds at most 4 GB.');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time 00:00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE((3 << 8) | VERSION, 4); // made by: Unix, so the file mode below is read
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(UTF8_NAMES, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    // extra length, comment length, disk number start, internal attributes: 0
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    header.writeUInt32LE(offset, 42);

    parts.push(local, nameBytes, body);
    central.push(header, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/** Reads a ZIP archive written without ZIP64 (this module's, or a tool's); checks every CRC. */
export function readZip(zip: Buffer): { name: string; data: Buffer }[] {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - MAX_16); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new RangeError('Not a ZIP archive: no end of central directory record.');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new RangeError('Corrupt ZIP: bad central directory header.');
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + skip;
    if (zip.readUInt32LE(localOffset) !== LOCAL_HEADER) throw new RangeError(`Corrupt ZIP: bad local header for ${name}.`);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === STORED) data = Buffer.from(body);
    else if (method === DEFLATED) {
      try {
        data = inflateRawSync(body);
      } catch (cause) {
        throw new RangeError(`Corrupt ZIP: ${name} cannot be inflated (${(cause as Error).message}).`);
      }
    }
    else throw new RangeError(`Unsupported ZIP compression method ${method} for ${name}.`);
    if (data.length !== size || crc32(data) !== crc) throw new RangeError(`Corrupt ZIP: ${name} fails its CRC check.`);
    entries.push({ name, data });
  }
  return entries;
}
