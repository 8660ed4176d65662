// A small multipart/form-data reader for the sandbox's file upload (POST /open-apis/im/v1/files).
// The SDK posts through axios + form-data: text fields, and the file as one part (with or without
// a filename, depending on whether a stream or a Buffer was given).

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, { filename?: string; contentType?: string; bytes: Buffer }>;
}

export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data/i.test(contentType ?? '');
}

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const out: MultipartBody = { fields: {}, files: {} };
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return out;
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) addPart(out, part.subarray(0, split).toString('utf8'), part.subarray(split + 4));
    pos = next;
  }
  return out;
}

function addPart(out: MultipartBody, head: string, content: Buffer): void {
  const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
  const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
  if (!name) return;
  const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
  const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
  const binary = filename !== undefined || (type !== undefined && !/^text\/plain/i.test(type));
  if (binary) out.files[name] = { filename, contentType: type, bytes: Buffer.from(content) };
  else out.fields[name] = content.toString('utf8');
}
