-- AlterTable
ALTER TABLE "Squad" ADD COLUMN "retiredOn" TEXT;
ALTER TABLE "Squad" ADD COLUMN "addedOn" TEXT;
