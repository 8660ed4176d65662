// Feishu's error answers as the sandbox gives them. Business errors come with HTTP 400, gateway ones
// (token, rate limit) with their own status; the body is always {code, msg, error: {log_id, …}}.
// https://open.feishu.cn/document/server-docs/api-call-guide/generic-error-code

export class FeishuError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(msg);
  }
}

const INVALID_PARAM = 'Your request contains an invalid request parameter';

export const errors = {
  missingToken: () =>
    new FeishuError(
      400,
      99991661,
      'Missing access token for authorization. Please make a request with token attached.',
    ),
  invalidToken: () =>
    new FeishuError(
      400,
      99991663,
      'Invalid access token for authorization. Please make a request with token attached.',
    ),
  rateLimited: (resetSeconds: number, limit: number) =>
    new FeishuError(
      429,
      99991400,
      'request trigger frequency limit',
      {},
      {
        'x-ogw-ratelimit-limit': String(limit),
        'x-ogw-ratelimit-reset': String(resetSeconds),
      },
    ),
  server: () => new FeishuError(500, 500, 'internal server error (sandbox-injected)'),
  badJson: (detail: string) => new FeishuError(400, 9499, `Invalid parameter type in json: ${detail}`),
  fieldValidation: (field: string, description: string) =>
    new FeishuError(400, 99992402, 'field validation failed', {
      field_violations: [{ field, description }],
    }),
  invalidParam: (ext: string) => new FeishuError(400, 230001, `${INVALID_PARAM}, ext=${ext}`),
  botNotInChat: () => new FeishuError(400, 230002, 'The bot can not be outside the group.'),
  noAvailability: () => new FeishuError(400, 230013, 'Bot has NO availability to this user.'),
  notSender: () => new FeishuError(400, 230012, 'Bot is NOT the sender of the message.'),
  tooLong: () => new FeishuError(400, 230025, 'The length of the message content reaches its limit.'),
  editWindow: () => new FeishuError(400, 230031, 'Message can only be modified within 14 days after sending.'),
  badCard: (detail: string) =>
    new FeishuError(400, 230099, `Failed to create card content, ext=ErrCode: 200621; ErrMsg: ${detail}`),
  cardTokenExpired: () => new FeishuError(400, 300030, 'token is expired or invalid'),
  cardTokenUsedUp: () => new FeishuError(400, 300040, 'token has been used too many times'),
  noUser: () => new FeishuError(400, 41050, 'no user authority error'),
  invalidChat: () => new FeishuError(400, 232006, 'Your request specifies a chat_id which is invalid.'),
  appSecretInvalid: () => new FeishuError(400, 10014, 'app secret invalid'),
  appIdInvalid: () => new FeishuError(400, 10003, 'invalid param'),
  notFound: () => new FeishuError(404, 404, '404 page not found'),
};
