/** A unique-key violation, from a Prisma query (P2002) or a raw one (the driver's own message). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'P2002' || /unique constraint/i.test(err?.message ?? '');
}
