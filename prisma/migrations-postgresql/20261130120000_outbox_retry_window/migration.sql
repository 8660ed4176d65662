-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "failingSince" TIMESTAMP(3),
ADD COLUMN     "staleAfter" TIMESTAMP(3);

