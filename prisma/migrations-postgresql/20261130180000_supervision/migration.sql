-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "requestKey" TEXT NOT NULL,
    "squadId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "inspectedOn" TEXT NOT NULL,
    "checked" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Correction" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "closedNote" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingIssue" (
    "id" SERIAL NOT NULL,
    "requestKey" TEXT NOT NULL,
    "squadId" INTEGER NOT NULL,
    "projectId" INTEGER,
    "title" TEXT NOT NULL,
    "helpAsked" TEXT NOT NULL,
    "raisedById" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "MeetingIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" SERIAL NOT NULL,
    "requestKey" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "issueId" INTEGER,
    "title" TEXT NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "closedNote" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" INTEGER,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_requestKey_key" ON "Inspection"("requestKey");

-- CreateIndex
CREATE INDEX "Inspection_period_squadId_idx" ON "Inspection"("period", "squadId");

-- CreateIndex
CREATE INDEX "Inspection_squadId_inspectedOn_idx" ON "Inspection"("squadId", "inspectedOn");

-- CreateIndex
CREATE INDEX "Correction_status_dueOn_idx" ON "Correction"("status", "dueOn");

-- CreateIndex
CREATE INDEX "Correction_inspectionId_idx" ON "Correction"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingIssue_requestKey_key" ON "MeetingIssue"("requestKey");

-- CreateIndex
CREATE INDEX "MeetingIssue_status_createdAt_idx" ON "MeetingIssue"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MeetingIssue_squadId_idx" ON "MeetingIssue"("squadId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingDecision_requestKey_key" ON "MeetingDecision"("requestKey");

-- CreateIndex
CREATE INDEX "MeetingDecision_status_dueOn_idx" ON "MeetingDecision"("status", "dueOn");

-- CreateIndex
CREATE INDEX "MeetingDecision_period_idx" ON "MeetingDecision"("period");

-- CreateIndex
CREATE INDEX "MeetingDecision_issueId_idx" ON "MeetingDecision"("issueId");

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
