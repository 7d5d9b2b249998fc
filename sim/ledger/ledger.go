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

// Kind says what an entry is.
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

var kindNames = [...]string{"flow", "cut", "conversion", "contribution", "surcharge", "purchase", "funding", "return", "interest", "cost", "saving"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Transfer reports whether the kind counts in paid and received.
func (k Kind) Transfer() bool { return k != Flow && k != Saving }

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
