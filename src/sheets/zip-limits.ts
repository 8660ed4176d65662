import zlib from 'node:zlib';
import { UserError } from '../errors.js';

// An .xlsx is a zip archive. A few hundred KB of zip can expand to gigabytes (a "zip bomb"), and
// the spreadsheet library inflates everything into memory before it reads a cell. So before parsing,
// the archive's table of contents (the central directory at its end) is read, the number of entries
// and their declared sizes are checked, and each entry is then inflated with a hard cap on its
// output, because the declared sizes are only what the file claims.
// Format: https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT (4.3.12, 4.3.16)

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
}

/** Far above any template the office fills in (tens of entries, a few MB unpacked). */
const IMPORT_ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxUncompressedBytes: 50 * 1024 * 1024 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const UNREADABLE = '无法读取这个 .xlsx 文件（文件可能已损坏）。请在 Excel 中重新保存后再发送。';

/** Throws a UserError when the archive has too many entries or unpacks to more than the limit. */
export function checkZipLimits(bytes: Buffer, limits: ZipLimits = IMPORT_ZIP_LIMITS): void {
  const entries = centralDirectory(bytes);
  if (entries.length > limits.maxEntries)
    throw new UserError(
      `这个文件里有 ${entries.length} 个部件，超过了 ${limits.maxEntries} 个的上限，不像是目标任务表或名册。请用 /template 获取模板，填好后再发送。`,
    );
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxUncompressedBytes) throw tooLarge(limits, declared);
  let left = limits.maxUncompressedBytes;
  for (const e of entries) left -= inflatedSize(bytes, e, left, limits);
}

interface Entry {
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The central directory's entries (a ZIP64 archive, never written for a spreadsheet this small, is refused). */
function centralDirectory(bytes: Buffer): Entry[] {
  const end = findEndRecord(bytes);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new UserError(UNREADABLE);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new UserError(UNREADABLE);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** The end-of-central-directory record: 22 bytes plus a comment of up to 64 KB, at the very end. */
function findEndRecord(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  throw new UserError(UNREADABLE);
}

/** The entry's real unpacked size, inflating at most `left` bytes (more throws the size error). */
function inflatedSize(bytes: Buffer, e: Entry, left: number, limits: ZipLimits): number {
  const at = e.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) throw new UserError(UNREADABLE);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (e.method === 0) {
    if (data.length > left) throw tooLarge(limits);
    return data.length;
  }
  if (e.method !== 8) throw new UserError(UNREADABLE);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limits);
    throw new UserError(UNREADABLE);
  }
}

/** `declared`: the size the archive claims; without it, inflating found more than the limit. */
function tooLarge(limits: ZipLimits, declared?: number): UserError {
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  const max = mb(limits.maxUncompressedBytes);
  const size = declared === undefined ? `超过 ${max} MB` : `有 ${mb(declared)} MB`;
  return new UserError(
    `这个文件解压后${size}，最多 ${max} MB，不像是目标任务表或名册。请删除多余的工作表、行或图片后再发送。`,
  );
}
