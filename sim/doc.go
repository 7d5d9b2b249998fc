// Package sim runs a scenario over its horizon and records every euro in a
// ledger.
//
// Conventions, as in DOMAIN.md:
//
//   - Years k = 0 … H−1 from the region's first year. Amounts in a scenario
//     are euros of the first year and grow yearly: X_k = X_0 × (1+g)^k.
//     Results are euros of their own year.
//   - Amounts are never negative; money moves From → To. A party's paid and
//     received count the money the instruments move (and the cuts of
//     phased-out legacy funding); regular baseline flows are the reference
//     and are not in paid or received. Saved is avoided care, not money.
//     net = received − paid + saved + legacy, legacy being the change of
//     baseline income by phase-outs (kept apart from paid and received).
//   - Each year runs in two steps: every instrument raises its money, then
//     every instrument, in the order listed, funds what is still unfunded
//     of the initiatives it names. An initiative runs at its funded share
//     (coverage); its cost and savings that year scale with it, unless its
//     gap rule is "provider", in which case the provider pays the gap.
//   - Present values discount to the first year: PV = Σ_k CF_k / (1+d)^k.
//
// After every run the engine checks that money is conserved; a failure is a
// bug in regiosim, reported as an error.
package sim
