import { startBot } from './bot.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLog, secretsOf } from './log.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const log = createLog(config.logLevel, { secrets: secretsOf(config) });
  // `npm start -- --empty`: the plain plan, without the sandbox's demo district.
  const bot = await startBot(config, { log, demo: config.sandboxDemo && !process.argv.includes('--empty') });
  if (bot.sandbox) {
    log.info(`no LARK_APP_ID: running against the built-in sandbox Open API at ${bot.sandbox.url}`);
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    bot.stop().then(
      () => process.exit(0),
      (e) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
