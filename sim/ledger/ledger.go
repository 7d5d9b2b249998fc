// Package ledger defines the entries in which the engine records every euro.
//
// Conventions: amounts are euros of their own year and never negative; the
// direction of money is From → To. Accounts are parties (0 … P−1) and the
// pots of instruments; Outside is the world beyond the region (the national
// transformation funds when no payer is named, the cost of delivering care,
// avoided care). Savings are not transfers: they arrive From Outside with
// Kind Saving and are kept apart from paid and received.
package ledger

// Account is a party or an instrument's pot, by index.
type Account int32

// Outside is the world beyond the region's accounts.
const Outside Account = -1

// None marks an entry that belongs to no instrument or initiative.
const None = -1

// Kind says what an entry is. Each kind carries its properties (Props):
// the engine and the tallies ask those, never a list of kinds, so a new
// instrument can add a kind here without touching them.
type Kind uint8

// The kinds of entries.
const (
	Flow         Kind = iota // a regular flow of the baseline (reference, not in paid/received)
	Cut                      // legacy funding a phase-out frees and the payer keeps, receiver → payer, against the baseline
	Conversion               // freed legacy money converted into new-style funding, from the receiver whose legacy it was
	Contribution             // a wallet contribution
	Surcharge                // a plus-inkoop surcharge
	Purchase                 // a kruis-inkoop purchase
	Funding                  // money paid to an initiative's provider for the initiative
	Return                   // earmarked money returned to its payer
	Interest                 // interest on a pot's balance
	Cost                     // what delivering an initiative costs its provider
	Saving                   // avoided care (not a transfer)
	NumKinds
)

// Props are the properties of a kind of entry.
type Props struct {
	Name string
	// Transfer: the money moves between accounts and counts in paid and
	// received (not a baseline flow, not avoided care).
	Transfer bool
	// Funds: paid to an initiative for its need (counts as its funding,
	// and whoever put the money in bears that cost).
	Funds bool
	// Saving: avoided care, kept apart from paid and received.
	Saving bool
	// Baseline: a regular flow of the baseline, the reference.
	Baseline bool
	// Engine: booked by the engine itself, never by an instrument
	// (baseline flows, the cost and savings of initiatives).
	Engine bool
	// FreedKept and FreedConverted: legacy money a phase-out frees, kept
	// by the payer or converted into new-style funding.
	FreedKept, FreedConverted bool
	// Loan: money lent that is to be repaid, so no cost borne by the
	// lender while it is outstanding.
	Loan bool
}

var kindProps = [NumKinds]Props{
	Flow:         {Name: "flow", Baseline: true, Engine: true},
	Cut:          {Name: "cut", Transfer: true, FreedKept: true},
	Conversion:   {Name: "conversion", Transfer: true, Funds: true, FreedConverted: true},
	Contribution: {Name: "contribution", Transfer: true},
	Surcharge:    {Name: "surcharge", Transfer: true},
	Purchase:     {Name: "purchase", Transfer: true, Funds: true},
	Funding:      {Name: "funding", Transfer: true, Funds: true},
	Return:       {Name: "return", Transfer: true},
	Interest:     {Name: "interest", Transfer: true},
	Cost:         {Name: "cost", Transfer: true, Engine: true},
	Saving:       {Name: "saving", Saving: true, Engine: true},
}

// Props returns the kind's properties.
func (k Kind) Props() Props {
	if k < NumKinds {
		return kindProps[k]
	}
	return Props{Name: "unknown"}
}

func (k Kind) String() string { return k.Props().Name }

// Transfer reports whether the kind counts in paid and received.
func (k Kind) Transfer() bool { return k < NumKinds && kindProps[k].Transfer }

// Funds reports whether the kind pays for an initiative's need.
func (k Kind) Funds() bool { return k < NumKinds && kindProps[k].Funds }

// Entry is one movement of money (or, for Kind Saving, of avoided care).
type Entry struct {
	Year       int // calendar year
	From, To   Account
	Stream     string // zvw, wlz, wmo, iza, wallet, …
	Instrument int    // index of the instrument that moved it, or None
	Initiative int    // index of the initiative it paid for, or None
	Kind       Kind
	Amount     float64 // euros of that year, >= 0
}
