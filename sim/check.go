package sim

import (
	"fmt"
	"math"

	"github.com/regiosim/regiosim/sim/ledger"
)

// tolerance is the largest difference two money figures may show and still
// balance: a hundredth of a cent, plus float rounding of large amounts.
func tolerance(x float64) float64 { return 1e-4 + 1e-12*math.Abs(x) }

func notConserved(format string, args ...any) error {
	return fmt.Errorf("sim: money is not conserved (a bug in regiosim, please report it with the scenario): "+format, args...)
}

// checkConservation verifies, on the tallies of every run, that no money
// was created or lost. It is the engine's own invariant: a failure is a
// bug in regiosim.
func (e *engine) checkConservation() error {
	t := e.tally
	for k := 0; k < e.h; k++ {
		year := e.first + k
		// Every euro leaving an account arrives in another one.
		net := 0.0
		for a := range t.paid {
			net += t.received[a][k] - t.paid[a][k]
		}
		ext := t.outsideIn[k] - t.outsideOut[k]
		if math.Abs(net-ext) > tolerance(ext) {
			return notConserved("%d: accounts gained %.6f, the outside world sent %.6f", year, net, ext)
		}
		// Initiatives get what the instruments paid, never more than needed.
		for i, in := range e.inits {
			sum := 0.0
			for _, src := range t.funding[i] {
				sum += src[k]
			}
			if math.Abs(sum-e.funded[i][k]) > tolerance(sum) {
				return notConserved("%d: %s received %.6f from instruments but is booked as funded %.6f", year, in.ID, sum, e.funded[i][k])
			}
			if gap := e.need[i][k] - e.funded[i][k]; gap < -tolerance(e.need[i][k]) {
				return notConserved("%d: %s was funded %.6f above its need", year, in.ID, -gap)
			}
		}
	}
	// Pots never go below zero, and their entries add up to their balance.
	for n, in := range e.instrs {
		bal := 0.0
		for k := 0; k < e.h; k++ {
			bal += t.potIn[n][k] - t.potOut[n][k]
			if bal < -tolerance(bal) {
				return notConserved("%d: the pot of %s is negative (%.6f)", e.first+k, in.Meta().ID, bal)
			}
		}
		if pot := e.balance[e.np+n]; math.Abs(bal-pot) > tolerance(bal) {
			return notConserved("the pot of %s closes at %.6f by its entries but %.6f by its balance", in.Meta().ID, bal, pot)
		}
	}
	return nil
}

// checkLedger adds up the kept entries anew and compares every party's
// paid, received and saved with the tallies.
func (e *engine) checkLedger(entries []ledger.Entry) error {
	h := e.h
	paid := make([]float64, e.np*h)
	recv := make([]float64, e.np*h)
	saved := make([]float64, e.np*h)
	for _, en := range entries {
		k := en.Year - e.first
		switch {
		case en.Kind.Props().Has(ledger.IsSaving):
			saved[int(en.To)*h+k] += en.Amount
		case en.Kind.Transfer():
			if en.From >= 0 && int(en.From) < e.np {
				paid[int(en.From)*h+k] += en.Amount
			}
			if en.To >= 0 && int(en.To) < e.np {
				recv[int(en.To)*h+k] += en.Amount
			}
		}
	}
	t := e.tally
	for p, id := range e.partyIDs {
		for k := 0; k < h; k++ {
			for _, c := range [...]struct {
				what       string
				table, lgr float64
			}{{"paid", t.paid[p][k], paid[p*h+k]}, {"received", t.received[p][k], recv[p*h+k]}, {"saved", t.saved[p][k], saved[p*h+k]}} {
				if math.Abs(c.table-c.lgr) > tolerance(c.lgr) {
					return notConserved("%d: %s %s %.6f in the tallies but %.6f in the ledger", e.first+k, id, c.what, c.table, c.lgr)
				}
			}
		}
	}
	return nil
}
