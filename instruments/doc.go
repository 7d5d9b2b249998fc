// Package instruments holds the financing instruments of a scenario: each
// type is one file with its formula in its doc comment, one line in the
// registry, its checks and the ledger entries it writes.
//
// An instrument is decoded from its [[instrument]] table, checked against
// the scenario through a Scope, and started for a run through an Env; its
// Runner then moves money each year in the two steps of DOMAIN's year:
// every instrument raises its money first, then every instrument, in the
// order listed, funds what is still unfunded of the initiatives it names.
//
// Amounts are euros of their own year and never negative; money moves
// between accounts (parties and instrument pots) through Year.Move and
// Year.Fund only, so the ledger sees every euro.
package instruments
