-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "importedHistory" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "majorProject" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PackagedProject" (
    "id" SERIAL NOT NULL,
    "requestKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL DEFAULT '',
    "plannedInvestment" DOUBLE PRECISION NOT NULL DEFAULT 0,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PackagedProject_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PackagedProject_requestKey_key" ON "PackagedProject"("requestKey");

-- CreateIndex
CREATE INDEX "PackagedProject_squadId_status_idx" ON "PackagedProject"("squadId", "status");

-- CreateIndex
CREATE INDEX "PackagedProject_packagedOn_idx" ON "PackagedProject"("packagedOn");

