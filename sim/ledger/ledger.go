// Package ledger defines the entries in which the engine records every euro.
//
// Conventions: amounts are euros of their own year and never negative; the
// direction of money is From → To. Accounts are parties (0 … P−1) and the
// pots of instruments; Outside is the world beyond the region (the national
// transformation funds and regional budget when no payer is named, the cost
// of delivering care, avoided care). Savings are not transfers: they arrive
// From Outside with Kind Saving and are kept apart from paid and received.
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
	Budget                   // a regional budget's share, paid into a wallet's pot or its own
	Capital                  // capital put into a revolving fund
	Loan                     // a revolving fund's loan to an initiative's provider, for its need
	Repayment                // a loan repaid to the fund from a party's realised savings
	WriteOff                 // what of a loan is not repaid by the end of its term: borne by the fund (no money moves)
	PoolIn                   // a payer's money put into a pooled purchase
	Settlement               // a pooled purchase's settling of savings between its payers
	PoolFlow                 // a payer's budget of a regular flow put into a pooled purchase instead: baseline income the flow's receiver no longer gets, receiver → pool
	PoolFlowBack             // of that budget, what a pool returns unspent to the flow's receiver: its baseline income back
	NumKinds
)

// Props are the properties of a kind of entry, as flags.
type Props uint16

// The properties a kind can have.
const (
	// IsTransfer: the money moves between accounts and counts in paid and
	// received (not a baseline flow, not avoided care).
	IsTransfer Props = 1 << iota
	// IsFunding: paid to an initiative for its need (counts as its
	// funding, and whoever put the money in bears that cost).
	IsFunding
	// IsSaving: avoided care, kept apart from paid and received.
	IsSaving
	// IsBaseline: a regular flow of the baseline, the reference.
	IsBaseline
	// ByEngine: booked by the engine itself, never by an instrument
	// (baseline flows, the cost and savings of initiatives).
	ByEngine
	// IsFreedKept and IsFreedConverted: legacy money a phase-out frees,
	// kept by the payer or converted into new-style funding.
	IsFreedKept
	IsFreedConverted
	// IsLoan: money lent that is to be repaid (it counts as funding when
	// IsFunding is set). It is borne, as pots trace money, by whoever put
	// in what was lent, until it is repaid (IsRepayment); what is written
	// off (IsLoanLoss) or still outstanding at the end stays with them.
	IsLoan
	// LegacyFrom and LegacyTo: for the party on that side the entry is a
	// change of its baseline income (legacy funding a phase-out takes from
	// the flow's receiver; what the payer keeps), shown apart from what it
	// pays and receives through instruments.
	LegacyFrom
	LegacyTo
	// IsRefund: money given back to whoever paid it (unspent earmarked
	// money): it lowers what the receiver paid instead of counting as
	// received.
	IsRefund
	// IsRepayment: a loan's principal repaid, by the party it comes from,
	// to the lender: that party bears this part of the loan's initiative
	// instead of the lender (in the year the loan was made, oldest loan of
	// the instrument and initiative first), and the money returns to the
	// lender's pot as the money of those who put in what was lent.
	IsRepayment
	// IsLoanLoss: what of a loan is written off. No money moves (it left
	// the lender when it was lent): the entry marks the loss, and the
	// loan, oldest first, is no longer outstanding.
	IsLoanLoss
)

// Has reports whether all of q are set.
func (p Props) Has(q Props) bool { return p&q == q }

var kindProps = [NumKinds]Props{
	Flow:         IsBaseline | ByEngine,
	Cut:          IsTransfer | IsFreedKept | LegacyFrom | LegacyTo,
	Conversion:   IsTransfer | IsFunding | IsFreedConverted | LegacyFrom,
	Contribution: IsTransfer,
	Surcharge:    IsTransfer,
	Purchase:     IsTransfer | IsFunding,
	Funding:      IsTransfer | IsFunding,
	Return:       IsTransfer | IsRefund,
	Interest:     IsTransfer,
	Cost:         IsTransfer | ByEngine,
	Saving:       IsSaving | ByEngine,
	Budget:       IsTransfer,
	Capital:      IsTransfer,
	Loan:         IsTransfer | IsFunding | IsLoan,
	Repayment:    IsTransfer | IsRepayment,
	WriteOff:     IsLoanLoss,
	PoolIn:       IsTransfer,
	Settlement:   IsTransfer,
	PoolFlow:     IsTransfer | LegacyFrom,
	PoolFlowBack: IsTransfer | LegacyTo,
}

var kindNames = [NumKinds]string{"flow", "cut", "conversion", "contribution", "surcharge", "purchase", "funding", "return", "interest", "cost", "saving", "budget", "capital", "loan", "repayment", "write_off", "pool_in", "settlement", "pool_flow", "pool_flow_back"}

// Props returns the kind's properties.
func (k Kind) Props() Props {
	if k < NumKinds {
		return kindProps[k]
	}
	return 0
}

func (k Kind) String() string {
	if k < NumKinds {
		return kindNames[k]
	}
	return "unknown"
}

// Transfer reports whether the kind counts in paid and received.
func (k Kind) Transfer() bool { return k.Props().Has(IsTransfer) }

// Funds reports whether the kind pays for an initiative's need.
func (k Kind) Funds() bool { return k.Props().Has(IsFunding) }

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
