package sim

import "github.com/regiosim/regiosim/sim/ledger"

// tally keeps dense per-account, per-year totals of the entries; every
// table of a Result is built from it, with or without the ledger itself.
type tally struct {
	paid, received [][]float64   // [account][k], transfers only
	saved          [][]float64   // [party][k]
	funding        [][][]float64 // [initiative][instrument][k]
	potIn, potOut  [][]float64   // [instrument][k]
	direct         [][]float64   // [instrument][k] money that passed through an instrument without its pot: between parties, or into another's pot
	cut            [][]float64   // [instrument][k] legacy cut by a phase-out
	conv           [][]float64   // [instrument][k] converted
	// by party and instrument: what a party paid through an instrument and
	// what it got back from it (its own initiatives' funding included)
	partyPaid, partyGot [][][]float64 // [party][instrument][k]
	// what of paid and received is a change of baseline income, and what
	// received is a refund (see ledger.LegacyFrom, IsRefund)
	legacyOut, legacyIn, refund [][]float64 // [party][k]
	outsideIn                   []float64   // [k] money into the region's accounts from outside
	outsideOut                  []float64   // [k] money from the accounts to outside

	// Who bears the initiatives' cost: money paid to an initiative is traced
	// back to whoever put it in. A pot's balance is kept by source, and
	// what leaves it is taken from its sources pro rata (pool accounting).
	bear [][][]float64 // [initiative][source][k]; source 0 = outside, p+1 = party p
	comp [][]float64   // [pot][source] the pot's balance by source
	// Loans (ledger.IsLoan) outstanding, by instrument: nil until the
	// instrument lends, then [initiative][year lent][source] flat, the
	// principal still owed by whose money it was. A repayment
	// (IsRepayment) moves that much of the bearing, in the year lent, to
	// the party repaying; a write-off (IsLoanLoss) only ends it.
	loans         [][]float64
	h, nSrc, nIni int
	// the backing of every series above but loans: cleared by a run, and
	// by a run that traces (bear, comp)
	flat, traced []float64
	// tracing: this run follows money to its sources (bear, comp, loans);
	// a run whose sink needs none of that skips it
	tracing bool
}

// source is the bearer index of an account: 0 for outside, p+1 for party p.
func source(a ledger.Account) int { return int(a) + 1 }

func newTally(h, np, ni, nInit int) *tally {
	t := &tally{loans: make([][]float64, ni), h: h, nSrc: np + 1, nIni: nInit}
	// Two allocations: what every run clears, and what a run that traces
	// clears; each is cleared in one go.
	t.flat = make([]float64, h*(2*(np+ni)+4*np+5*ni+2+2*np*ni+nInit*ni))
	t.traced = make([]float64, nInit*(np+1)*h+ni*(np+1))
	carve := func(buf *[]float64, n, w int) [][]float64 {
		g := make([][]float64, n)
		for i := range g {
			g[i] = (*buf)[:w:w]
			*buf = (*buf)[w:]
		}
		return g
	}
	rest := t.flat
	t.paid, t.received, t.saved = carve(&rest, np+ni, h), carve(&rest, np+ni, h), carve(&rest, np, h)
	t.potIn, t.potOut, t.direct, t.cut, t.conv = carve(&rest, ni, h), carve(&rest, ni, h), carve(&rest, ni, h), carve(&rest, ni, h), carve(&rest, ni, h)
	t.legacyOut, t.legacyIn, t.refund = carve(&rest, np, h), carve(&rest, np, h), carve(&rest, np, h)
	out := carve(&rest, 2, h)
	t.outsideIn, t.outsideOut = out[0], out[1]
	t.partyPaid, t.partyGot = make([][][]float64, np), make([][][]float64, np)
	for p := 0; p < np; p++ {
		t.partyPaid[p] = carve(&rest, ni, h)
	}
	for p := 0; p < np; p++ {
		t.partyGot[p] = carve(&rest, ni, h)
	}
	t.funding = make([][][]float64, nInit)
	for i := range t.funding {
		t.funding[i] = carve(&rest, ni, h)
	}
	if len(rest) != 0 {
		panic("sim: the tally's sizes do not add up")
	}
	rest = t.traced
	t.bear = make([][][]float64, nInit)
	for i := range t.bear {
		t.bear[i] = carve(&rest, np+1, h)
	}
	t.comp = carve(&rest, ni, np+1)
	if len(rest) != 0 {
		panic("sim: the tally's traced sizes do not add up")
	}
	return t
}

// reset empties the tallies for a new run.
func (t *tally) reset() {
	clear(t.flat)
	if !t.tracing { // bear, comp and loans are neither kept nor read
		return
	}
	clear(t.traced)
	for _, l := range t.loans {
		clear(l)
	}
}

// add books entry en of year k; pots are accounts firstPot, firstPot+1, ….
func (t *tally) add(en *ledger.Entry, props ledger.Props, k int, firstPot ledger.Account) {
	a := en.Amount
	switch {
	case props.Has(ledger.IsSaving):
		t.saved[en.To][k] += a
		return
	case props.Has(ledger.IsLoanLoss):
		if t.tracing && en.Instrument != ledger.None && en.Initiative != ledger.None {
			t.settleLoans(en.Instrument, en.Initiative, k, a, nil, -1)
		}
		return
	case !props.Has(ledger.IsTransfer):
		return
	}
	if en.From >= 0 {
		t.paid[en.From][k] += a
		if en.From < firstPot && props.Has(ledger.LegacyFrom) {
			t.legacyOut[en.From][k] += a
		}
	} else {
		t.outsideIn[k] += a
	}
	if en.To >= 0 {
		t.received[en.To][k] += a
		if en.To < firstPot {
			if props.Has(ledger.LegacyTo) {
				t.legacyIn[en.To][k] += a
			}
			if props.Has(ledger.IsRefund) {
				t.refund[en.To][k] += a
			}
		}
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
	t.byInstrument(en, props, k, firstPot)
}

// byInstrument books what an instrument moved.
func (t *tally) byInstrument(en *ledger.Entry, props ledger.Props, k int, firstPot ledger.Account) {
	a := en.Amount
	// Contributions: money moved through the instrument, not changes of
	// baseline income (a phase-out's cut).
	if en.From >= 0 && en.From < firstPot && !props.Has(ledger.LegacyFrom) {
		t.partyPaid[en.From][en.Instrument][k] += a
	}
	if en.To >= 0 && en.To < firstPot && !props.Has(ledger.LegacyTo) {
		t.partyGot[en.To][en.Instrument][k] += a
	}
	switch {
	case props.Has(ledger.IsFreedKept):
		t.cut[en.Instrument][k] += a
	case en.To < firstPot && en.From < firstPot:
		t.direct[en.Instrument][k] += a
	case en.From < firstPot && en.To != firstPot+ledger.Account(en.Instrument):
		// into another instrument's pot (a regional budget's share into a
		// wallet): in and out of the instrument that moved it
		t.direct[en.Instrument][k] += a
	}
	if props.Has(ledger.IsFreedConverted) {
		t.conv[en.Instrument][k] += a
	}
	funds := en.Initiative != ledger.None && props.Has(ledger.IsFunding)
	if funds {
		t.funding[en.Initiative][en.Instrument][k] += a
	}
	if !t.tracing {
		return
	}
	if en.Initiative != ledger.None && props.Has(ledger.IsRepayment) && en.From >= 0 && en.From < firstPot {
		t.repay(en, k, firstPot)
		return
	}
	var loan []float64 // the loans of this initiative by this instrument
	if funds && props.Has(ledger.IsLoan) {
		loan = t.loanBook(en.Instrument, en.Initiative)
	}
	t.trace(en, k, firstPot, funds, loan)
}

// loanBook is instrument n's loans to initiative i: [year lent][source].
func (t *tally) loanBook(n, i int) []float64 {
	if t.loans[n] == nil { // allocated once, on a state's first loan of n
		t.loans[n] = make([]float64, t.nIni*t.h*t.nSrc)
	}
	size := t.h * t.nSrc
	return t.loans[n][i*size : (i+1)*size]
}

// repay books a repayment: the money returns to the lender's pot as the
// money of the loans' sources, and its payer bears that much of the
// initiative in the years the loans were made, instead of their sources.
func (t *tally) repay(en *ledger.Entry, k int, firstPot ledger.Account) {
	var into []float64
	if en.To >= firstPot {
		into = t.comp[en.To-firstPot]
	}
	rest := t.settleLoans(en.Instrument, en.Initiative, k, en.Amount, into, source(en.From))
	if rest > 0 && into != nil { // more than was owed: the payer's own money
		into[source(en.From)] += rest
	}
}

// settleLoans ends amount of instrument n's loans to initiative i,
// oldest first, up to year k: to the payer (a source index) that repays
// it, its money going back to its sources in into; or, with payer −1,
// written off (it stays borne by its sources). It returns what was
// beyond the loans.
func (t *tally) settleLoans(n, i, k int, amount float64, into []float64, payer int) float64 {
	if t.loans[n] == nil {
		return amount
	}
	book := t.loanBook(n, i)
	bear := t.bear[i]
	for y := 0; y <= k && amount > 0; y++ {
		row := book[y*t.nSrc : (y+1)*t.nSrc]
		owed := 0.0
		for _, v := range row {
			owed += v
		}
		if owed <= 0 {
			continue
		}
		take := min(amount, owed)
		frac := take / owed
		for src, v := range row {
			if v <= 0 {
				continue
			}
			part := v * frac
			row[src] = v - part
			if payer >= 0 {
				bear[src][y] -= part
				bear[payer][y] += part
			}
			if into != nil {
				into[src] += part
			}
		}
		amount -= take
	}
	return amount
}

// trace follows money through the pots to the parties that put it in.
//
// A loan (loan, the book of its instrument and initiative) also notes
// whose money it lent, in the year k it was made.
func (t *tally) trace(en *ledger.Entry, k int, firstPot ledger.Account, funds bool, loan []float64) {
	a := en.Amount
	var into []float64
	if en.To >= firstPot {
		into = t.comp[en.To-firstPot]
	}
	if en.From < firstPot { // from a party or from outside
		src := source(en.From)
		if into != nil {
			into[src] += a
		}
		if funds {
			t.bear[en.Initiative][src][k] += a
		}
		if loan != nil {
			loan[k*t.nSrc+src] += a
		}
		return
	}
	from := t.comp[en.From-firstPot]
	total := 0.0
	for _, v := range from {
		total += max(v, 0)
	}
	if total <= 0 {
		return
	}
	share := a / total // of each source's balance that leaves
	var bear [][]float64
	if funds {
		bear = t.bear[en.Initiative]
	}
	for src, v := range from {
		if v <= 0 {
			continue
		}
		part := v * share
		from[src] = v - part
		if into != nil {
			into[src] += part
		}
		if bear != nil {
			bear[src][k] += part
		}
		if loan != nil {
			loan[k*t.nSrc+src] += part
		}
	}
}
