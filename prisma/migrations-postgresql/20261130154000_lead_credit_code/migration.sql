-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "creditCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Lead_creditCode_key" ON "Lead"("creditCode");

