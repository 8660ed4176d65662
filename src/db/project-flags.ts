import type { Db } from './client.js';

// The 战略性新兴产业 and 重大项目 flags of a project (neither is a stage or an amount, so the
// signing gate has nothing to say about them).

export async function setProjectFlags(
  db: Db,
  projectId: number,
  flags: { strategicEmerging: boolean; majorProject: boolean },
): Promise<void> {
  await db.project.update({
    where: { id: projectId },
    data: { strategicEmerging: flags.strategicEmerging, majorProject: flags.majorProject },
  });
}
