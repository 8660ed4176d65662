import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLarkClient } from '../../src/feishu/client.js';
import { loadConfig } from '../../src/config.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/open-api/index.js';
import { downloadMessageFile, FileTooLarge, uploadFile } from '../../src/feishu/files.js';

let sb: Sandbox;
let lark: ReturnType<typeof createLarkClient>;
beforeAll(async () => {
  sb = createSandbox();
  const url = await sb.start();
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  lark = createLarkClient({
    ...config,
    lark: { ...config.lark, appId: sb.appId, appSecret: sb.appSecret, domain: url },
  });
});
afterAll(() => sb.stop());

describe('sandbox files', () => {
  it('stores an upload made through the SDK (multipart) under a file_key', async () => {
    const bytes = Buffer.from('PK\u0003\u0004 spreadsheet bytes \u0000\u00ff', 'latin1');
    const key = await uploadFile(lark, bytes, '进度表.xlsx');
    const f = sb.file(key)!;
    expect(f.fileName).toBe('进度表.xlsx');
    expect(f.fileType).toBe('xls');
    expect(f.bytes.equals(bytes)).toBe(true);
  });

  it("serves a file in a user's message through the message-resource API, and refuses other keys", async () => {
    const bytes = Buffer.alloc(70_000, 7);
    const key = sb.putUserFile(bytes, '指标.xlsx');
    const user = [...sb.state.users.values()][0]!;
    sb.recordIncomingMessage(
      {
        message_id: 'om_file_1',
        chat_id: `oc_p2p_${user.open_id}`,
        chat_type: 'p2p',
        message_type: 'file',
        content: JSON.stringify({ file_key: key, file_name: '指标.xlsx' }),
      },
      user.open_id,
    );
    const got = await downloadMessageFile(lark, 'om_file_1', key, 1024 * 1024);
    expect(got.equals(bytes)).toBe(true);
    await expect(downloadMessageFile(lark, 'om_file_1', 'file_v3_other', 1024 * 1024)).rejects.toThrow();
    await expect(downloadMessageFile(lark, 'om_file_1', key, 1000)).rejects.toBeInstanceOf(FileTooLarge);
  });
});
