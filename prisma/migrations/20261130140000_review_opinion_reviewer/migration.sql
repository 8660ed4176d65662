-- AlterTable
ALTER TABLE "ReviewOpinion" ADD COLUMN "reviewerId" INTEGER;

