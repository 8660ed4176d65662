-- AlterTable
ALTER TABLE "Trip" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "cancelledById" INTEGER;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "dropReason" TEXT,
ADD COLUMN     "droppedAt" TIMESTAMP(3),
ADD COLUMN     "droppedById" INTEGER;

-- CreateTable
CREATE TABLE "LeadReward" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "approvedAmountWan" DOUBLE PRECISION NOT NULL,
    "approvedById" INTEGER NOT NULL,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "paidAmountWan" DOUBLE PRECISION,
    "paidOn" TEXT,
    "paidById" INTEGER,
    "paidAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "LeadReward_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LeadReward_leadId_key" ON "LeadReward"("leadId");

