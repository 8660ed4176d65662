-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_JobRun" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "job" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "detail" TEXT NOT NULL DEFAULT '',
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_JobRun" ("detail", "finishedAt", "holder", "job", "key", "startedAt", "status") SELECT "detail", "finishedAt", "holder", "job", "key", "startedAt", "status" FROM "JobRun";
DROP TABLE "JobRun";
ALTER TABLE "new_JobRun" RENAME TO "JobRun";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

