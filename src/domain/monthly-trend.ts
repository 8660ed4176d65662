/** One month of the district's signed ¥100M+ investment and funds in place: a point of the /progress trend. */
export interface MonthPoint {
  month: string; // YYYY-MM
  /** 万元 */
  signedInvestment: number;
  /** 万元 */
  fundsInPlace: number;
}
