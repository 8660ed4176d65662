-- AlterTable
ALTER TABLE "Project" ADD COLUMN "majorProject" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Project" ADD COLUMN "importedHistory" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PackagedProject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requestKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL DEFAULT '',
    "plannedInvestment" REAL NOT NULL DEFAULT 0,
    "squadId" INTEGER,
    "ownerUnit" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'PLANNING',
    "planningOn" TEXT,
    "packagedOn" TEXT,
    "promotedOn" TEXT,
    "signedOn" TEXT,
    "materialsUrl" TEXT NOT NULL DEFAULT '',
    "projectId" INTEGER,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PackagedProject_requestKey_key" ON "PackagedProject"("requestKey");

-- CreateIndex
CREATE INDEX "PackagedProject_squadId_status_idx" ON "PackagedProject"("squadId", "status");

-- CreateIndex
CREATE INDEX "PackagedProject_packagedOn_idx" ON "PackagedProject"("packagedOn");
