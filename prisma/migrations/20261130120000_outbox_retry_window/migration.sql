-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "failingSince" DATETIME;
ALTER TABLE "Outbox" ADD COLUMN "staleAfter" DATETIME;

