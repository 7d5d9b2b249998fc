package sim

import "github.com/regiosim/regiosim/sim/ledger"

// tally keeps dense per-account, per-year totals of the entries; every
// table of a Result is built from it, with or without the ledger itself.
type tally struct {
	paid, received [][]float64   // [account][k], transfers only
	saved          [][]float64   // [party][k]
	funding        [][][]float64 // [initiative][instrument][k]
	potIn, potOut  [][]float64   // [instrument][k]
	direct         [][]float64   // [instrument][k] money an instrument moved between parties, no pot involved
	cut            [][]float64   // [instrument][k] legacy cut by a phase-out
	conv           [][]float64   // [instrument][k] converted
	outsideIn      []float64     // [k] money into the region's accounts from outside
	outsideOut     []float64     // [k] money from the accounts to outside
}

func newTally(h, np, ni, nInit int) *tally {
	grid := func(n int) [][]float64 {
		g := make([][]float64, n)
		flat := make([]float64, n*h)
		for i := range g {
			g[i] = flat[i*h : (i+1)*h : (i+1)*h]
		}
		return g
	}
	t := &tally{
		paid: grid(np + ni), received: grid(np + ni), saved: grid(np),
		potIn: grid(ni), potOut: grid(ni), direct: grid(ni), cut: grid(ni), conv: grid(ni),
		outsideIn: make([]float64, h), outsideOut: make([]float64, h),
	}
	t.funding = make([][][]float64, nInit)
	for i := range t.funding {
		t.funding[i] = grid(ni)
	}
	return t
}

// add books entry en of year k; pots are accounts firstPot, firstPot+1, ….
func (t *tally) add(en *ledger.Entry, k int, firstPot ledger.Account) {
	a := en.Amount
	switch {
	case en.Kind == ledger.Saving:
		t.saved[en.To][k] += a
		return
	case en.Kind == ledger.Flow:
		return
	}
	if en.From >= 0 {
		t.paid[en.From][k] += a
	} else {
		t.outsideIn[k] += a
	}
	if en.To >= 0 {
		t.received[en.To][k] += a
	} else {
		t.outsideOut[k] += a
	}
	// Pots are accounts: what enters or leaves one counts for its
	// instrument, whichever instrument moved it (a phase-out converting
	// into a wallet fills the wallet's pot).
	if en.To >= firstPot {
		t.potIn[en.To-firstPot][k] += a
	}
	if en.From >= firstPot {
		t.potOut[en.From-firstPot][k] += a
	}
	if en.Instrument == ledger.None {
		return
	}
	switch {
	case en.Kind == ledger.Cut:
		t.cut[en.Instrument][k] += a
	case en.To < firstPot && en.From < firstPot:
		t.direct[en.Instrument][k] += a
	}
	if en.Kind == ledger.Conversion {
		t.conv[en.Instrument][k] += a
	}
	if en.Initiative != ledger.None && (en.Kind == ledger.Funding || en.Kind == ledger.Purchase || en.Kind == ledger.Conversion) {
		t.funding[en.Initiative][en.Instrument][k] += a
	}
}
