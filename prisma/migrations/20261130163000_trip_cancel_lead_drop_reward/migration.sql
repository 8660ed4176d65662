-- AlterTable
ALTER TABLE "Trip" ADD COLUMN "cancelReason" TEXT;
ALTER TABLE "Trip" ADD COLUMN "cancelledAt" DATETIME;
ALTER TABLE "Trip" ADD COLUMN "cancelledById" INTEGER;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN "dropReason" TEXT;
ALTER TABLE "Lead" ADD COLUMN "droppedAt" DATETIME;
ALTER TABLE "Lead" ADD COLUMN "droppedById" INTEGER;

-- CreateTable
CREATE TABLE "LeadReward" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "approvedAmountWan" REAL NOT NULL,
    "approvedById" INTEGER NOT NULL,
    "approvedAt" DATETIME NOT NULL,
    "paidAmountWan" REAL,
    "paidOn" TEXT,
    "paidById" INTEGER,
    "paidAt" DATETIME,
    "note" TEXT NOT NULL DEFAULT ''
);

-- CreateIndex
CREATE UNIQUE INDEX "LeadReward_leadId_key" ON "LeadReward"("leadId");
