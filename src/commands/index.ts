import { reply } from '../feishu/answer.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { UserError } from '../errors.js';
import { closestName } from './closest.js';
import { helpCard, helpCommand } from './help.js';
import type { Command, CommandInput } from './types.js';

// One line per command; each issue adds its own.
const commands: Command[] = [];
export const COMMANDS: Command[] = commands;
commands.push(helpCommand(() => commands));

export function registerCommand(c: Command): void {
  if (commands.some((x) => x.name === c.name)) throw new Error('command registered twice: ' + c.name);
  commands.push(c);
}

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

const NOT_ON_ROSTER =
  '你还不在招商工作名册中，暂时只能使用 /help。请联系区招商局（领导小组办公室）把你加入名册并绑定飞书账号。';

/** Runs a slash-command; unknown ones get the help text with the closest command named. */
export async function runCommand(input: CommandInput, deps: Deps): Promise<Reply> {
  const cmd = findCommand(input.name);
  if (!cmd) {
    const near = closestName(
      input.name,
      commands.map((c) => c.name),
    );
    const notice = near
      ? `没有 **${input.name}** 这个命令，你是不是想用 **${near}**？`
      : `没有 **${input.name}** 这个命令，可用的命令如下：`;
    return reply.card(helpCard(commands, notice));
  }
  if (!cmd.public && !input.actor) return reply.text(NOT_ON_ROSTER);
  try {
    return await cmd.run(input, deps);
  } catch (e) {
    if (e instanceof UserError) return reply.card(helpCard([cmd], `**${e.message}**`));
    throw e;
  }
}
