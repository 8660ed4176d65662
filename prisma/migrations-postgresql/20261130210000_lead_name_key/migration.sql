-- The name the duplicate check compares (companyKey without #code or places in front), filled by
-- the bot when it writes a lead and, for leads written before, at its next start.
ALTER TABLE "Lead" ADD COLUMN "nameKey" TEXT;
ALTER TABLE "Lead" ADD COLUMN "nameLength" INTEGER;

-- CreateIndex
CREATE INDEX "Lead_nameKey_idx" ON "Lead"("nameKey");

-- CreateIndex
CREATE INDEX "Lead_nameLength_nameKey_idx" ON "Lead"("nameLength", "nameKey");
