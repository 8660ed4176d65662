-- CreateIndex
-- The project card lists a project's tasks; the signing gate and the superseded check read a project's newest review.
CREATE INDEX "ProjectTask_projectId_idx" ON "ProjectTask"("projectId");

-- CreateIndex
CREATE INDEX "ProjectReview_projectId_idx" ON "ProjectReview"("projectId");
