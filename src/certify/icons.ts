/**
 * The opt-in network check of product icons (`skillshop certify --check-icons`): each icon URL
 * answers 200 with a PNG or JPEG image of the conventional size — 108×108 for `smallIconUri`,
 * 512×512 for `largeIconUri` (alexa-isp-facts.md §4). Off by default: certify stays offline.
 */

export type IconFetch = (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) => Promise<Response>;

export const ICON_SIZES = { smallIconUri: 108, largeIconUri: 512 } as const;
const TIMEOUT_MS = 8000;

/** Width and height from a PNG (IHDR) or JPEG (SOFn) header; undefined for anything else. */
export function imageSize(bytes: Uint8Array): { type: 'png' | 'jpeg'; width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a) {
    return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      const length = view.getUint16(offset + 2);
      // SOF0..SOF15 carry the size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { type: 'jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}

/** What is wrong with one icon; undefined when it is fine. */
export async function checkIcon(url: string, key: keyof typeof ICON_SIZES, fetchIcon: IconFetch): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetchIcon(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'image/png,image/jpeg' } });
  } catch (error) {
    return `could not be fetched (${(error as Error)?.message ?? String(error)})`;
  }
  if (response.status !== 200) return `answers HTTP ${response.status}`;
  const size = imageSize(new Uint8Array(await response.arrayBuffer()));
  if (!size) return `is not a PNG or JPEG image (content-type ${response.headers.get('content-type') ?? 'none'})`;
  const wanted = ICON_SIZES[key];
  if (size.width !== wanted || size.height !== wanted) return `is ${size.width}×${size.height}; ${key} is ${wanted}×${wanted}`;
  return undefined;
}
