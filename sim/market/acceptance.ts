/**
 * A bank's decision on one application offered to it. Expected annual margin per unit lent =
 * nominal rate - funding cost - platform take - tech fee - expected loss the bank bears. The bank
 * accepts when the margin clears its hurdle and it has room under its caps. Where a guarantee covers
 * the loan the bank bears no expected loss: "pretending not to see" is its rational choice.
 */

/**
 * Expected annual margin per unit lent.
 * @param expectedLossBorne pd x lgd x (the bank's calibration for this platform), 0 if guaranteed
 */
export function bankMargin(nominal: number, funding: number, take: number, techFee: number, expectedLossBorne: number): number {
  return nominal - funding - take - techFee - expectedLossBorne;
}

/**
 * The bank's learned correction of expected losses on one platform's loans: realized over expected
 * losses, shrunk toward 1 by a prior worth 30% of the evidence plus `priorLoss` (a few typical
 * defaults' worth of money), so a new partner starts at 1 and one early default on a small book
 * moves the factor a little, not a millionfold.
 */
export function lossCalibration(realized: number, expected: number, priorLoss: number): number {
  const prior = 0.3 * expected + priorLoss;
  return (realized + prior) / (expected + prior);
}
