-- AlterTable
ALTER TABLE "Squad" ADD COLUMN "retiredOn" TEXT;
