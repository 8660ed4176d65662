import { randomBytes } from 'node:crypto';
import { FeishuError, errors } from './errors.js';
import { isRecord, ok, type RequestContext, type Reply, type Route } from './http.js';
import type { MultipartBody } from './multipart.js';
import type { SandboxState } from './state.js';

// Files: upload (POST /open-apis/im/v1/files, multipart) and the download of a file a user sent
// in a message (GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file).
// https://open.feishu.cn/document/server-docs/im-v1/file/create
// https://open.feishu.cn/document/server-docs/im-v1/message/get-2

export interface StoredFile {
  fileKey: string;
  fileName: string;
  fileType: string;
  bytes: Buffer;
  /** 'app' for uploads through the API, 'user' for files a test put into a user's message. */
  origin: 'app' | 'user';
}

/** Feishu: uploads up to 30 MB, never empty; file_type one of these. */
const FILE_MAX_BYTES = 30 * 1024 * 1024;
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

const stores = new WeakMap<SandboxState, Map<string, StoredFile>>();

/** The sandbox's files (file_key → bytes and name), kept beside its state. */
export function filesOf(state: SandboxState): Map<string, StoredFile> {
  let m = stores.get(state);
  if (!m) {
    m = new Map();
    stores.set(state, m);
  }
  return m;
}

export function storeFile(state: SandboxState, f: Omit<StoredFile, 'fileKey'>): StoredFile {
  const stored = { ...f, fileKey: `file_v3_sbx_${randomBytes(12).toString('hex')}` };
  filesOf(state).set(stored.fileKey, stored);
  return stored;
}

/** The two file calls a fault can hold. */
export type FileCall = 'upload' | 'download';

interface Hold {
  /** How long each held call waits before it is answered as usual. */
  ms: number;
  /** How many more calls to hold. */
  left: number;
  /** Calls waiting now, to answer at once on release. */
  waiting: Set<() => void>;
}

const holds = new WeakMap<SandboxState, Map<FileCall, Hold>>();

/**
 * A fault for tests: the next `count` uploads (or downloads) wait `ms` before they are answered,
 * as a slow or stuck Feishu file service would. The waiting call is then answered normally (an
 * upload still stores its file), so a client that gave up leaves an orphan file, as in Feishu.
 */
export function holdFileCalls(state: SandboxState, call: FileCall, o: { ms: number; count?: number }): void {
  let m = holds.get(state);
  if (!m) {
    m = new Map();
    holds.set(state, m);
  }
  releaseFileCalls(state, call);
  m.set(call, { ms: o.ms, left: o.count ?? Number.POSITIVE_INFINITY, waiting: new Set() });
}

/** Ends the fault: held calls are answered now and later ones are not held. */
export function releaseFileCalls(state: SandboxState, call: FileCall): void {
  const h = holds.get(state)?.get(call);
  if (!h) return;
  holds.get(state)!.delete(call);
  for (const go of h.waiting) go();
}

async function held(state: SandboxState, call: FileCall): Promise<void> {
  const h = holds.get(state)?.get(call);
  if (!h || h.left <= 0) return;
  h.left--;
  await new Promise<void>((resolve) => {
    const go = () => {
      clearTimeout(t);
      h.waiting.delete(go);
      resolve();
    };
    const t = setTimeout(go, h.ms);
    t.unref();
    h.waiting.add(go);
  });
}

async function uploadFile(ctx: RequestContext): Promise<Reply> {
  await held(ctx.core.state, 'upload');
  const body = ctx.body as MultipartBody | undefined;
  if (!body || !isRecord(body) || !isRecord(body.fields))
    throw errors.fieldValidation('file', 'multipart/form-data body required');
  const fileType = body.fields.file_type ?? '';
  const fileName = body.fields.file_name ?? '';
  const file = body.files.file;
  if (!FILE_TYPES.has(fileType))
    throw errors.fieldValidation('file_type', 'file_type must be one of opus, mp4, pdf, doc, xls, ppt, stream');
  if (!fileName) throw errors.fieldValidation('file_name', 'file_name is required');
  if (!file) throw errors.fieldValidation('file', 'file is required');
  if (file.bytes.length === 0) throw new FeishuError(400, 234010, 'File size can not be 0.');
  if (file.bytes.length > FILE_MAX_BYTES) throw new FeishuError(400, 234006, 'The file size exceeds the limit.');
  const stored = storeFile(ctx.core.state, { fileName, fileType, bytes: file.bytes, origin: 'app' });
  return ok({ file_key: stored.fileKey });
}

async function getMessageResource(ctx: RequestContext): Promise<Reply> {
  await held(ctx.core.state, 'download');
  const type = ctx.query.type;
  if (type !== 'file' && type !== 'image') throw errors.fieldValidation('type', 'type must be file or image');
  const messageId = ctx.params.message_id ?? '';
  const fileKey = ctx.params.file_key ?? '';
  const m = ctx.core.state.message(messageId);
  if (!m) throw new FeishuError(400, 234003, `File not in msg (message ${messageId} unknown).`);
  const content = isRecord(m.content) ? m.content : {};
  if (content.file_key !== fileKey && content.image_key !== fileKey)
    throw new FeishuError(400, 234003, 'File not in msg.');
  const f = filesOf(ctx.core.state).get(fileKey);
  if (!f) throw new FeishuError(400, 234003, 'File not in msg.');
  return { body: {}, binary: { bytes: f.bytes, contentType: 'application/octet-stream', fileName: f.fileName } };
}

export const fileRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/im/v1/files', handler: uploadFile },
  { method: 'GET', pattern: '/open-apis/im/v1/messages/:message_id/resources/:file_key', handler: getMessageResource },
];
