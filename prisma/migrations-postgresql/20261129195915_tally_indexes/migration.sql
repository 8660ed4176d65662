-- CreateIndex
CREATE INDEX "Trip_startDate_squadId_status_shortOfRule_idx" ON "Trip"("startDate", "squadId", "status", "shortOfRule");

-- CreateIndex
CREATE INDEX "Visit_visitedOn_squadId_idx" ON "Visit"("visitedOn", "squadId");

-- CreateIndex
CREATE INDEX "Lead_createdOn_squadId_status_idx" ON "Lead"("createdOn", "squadId", "status");

-- CreateIndex
CREATE INDEX "MonthlyReport_month_squadId_status_late_idx" ON "MonthlyReport"("month", "squadId", "status", "late");

