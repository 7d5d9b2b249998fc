package sim

import (
	"fmt"
	"math"

	"github.com/regiosim/regiosim/sim/ledger"
)

// tolerance is the largest difference two money figures may show and still
// balance: a hundredth of a cent, plus float rounding of large amounts.
func tolerance(x float64) float64 { return 1e-4 + 1e-12*math.Abs(x) }

// checkConservation verifies that no money was created or lost. It is the
// engine's own invariant: a failure is a bug in regiosim.
func (e *engine) checkConservation(r *Result) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("sim: money is not conserved (a bug in regiosim, please report it with the scenario): "+format, args...)
	}
	t := e.tally
	for k, year := range r.Years {
		// Every euro leaving an account arrives in another one.
		net := 0.0
		for a := range t.paid {
			net += t.received[a][k] - t.paid[a][k]
		}
		ext := t.outsideIn[k] - t.outsideOut[k]
		if math.Abs(net-ext) > tolerance(ext) {
			return fail("%d: accounts gained %.6f, the outside world sent %.6f", year, net, ext)
		}
		// Initiatives get what the instruments paid, never more than needed.
		for i, ir := range r.Initiatives {
			sum := 0.0
			for _, src := range t.funding[i] {
				sum += src[k]
			}
			if math.Abs(sum-ir.Funded[k]) > tolerance(sum) {
				return fail("%d: %s received %.6f from instruments but is booked as funded %.6f", year, ir.ID, sum, ir.Funded[k])
			}
			if ir.Gap[k] < -tolerance(ir.Need[k]) {
				return fail("%d: %s was funded %.6f above its need", year, ir.ID, -ir.Gap[k])
			}
		}
		// Pots never go below zero.
		for _, ir := range r.Instruments {
			if ir.Balance[k] < -tolerance(ir.Balance[k]) {
				return fail("%d: the pot of %s is negative (%.6f)", year, ir.ID, ir.Balance[k])
			}
		}
	}
	for i, ir := range r.Instruments {
		pot := e.np + i
		if last := ir.Balance[len(ir.Balance)-1]; math.Abs(last-e.balance[pot]) > tolerance(last) {
			return fail("the pot of %s closes at %.6f by its entries but %.6f by its balance", ir.ID, last, e.balance[pot])
		}
	}
	if e.keep {
		return e.checkLedger(r, fail)
	}
	return nil
}

// checkLedger adds up the kept entries anew and compares every party's
// paid, received and saved with the tables.
func (e *engine) checkLedger(r *Result, fail func(string, ...any) error) error {
	h := len(r.Years)
	paid := make([]float64, e.np*h)
	recv := make([]float64, e.np*h)
	saved := make([]float64, e.np*h)
	for _, en := range e.entries {
		k := en.Year - e.first
		switch {
		case en.Kind == ledger.Saving:
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
	for p, pr := range r.Parties {
		for k := 0; k < h; k++ {
			for _, c := range []struct {
				what       string
				table, lgr float64
			}{{"paid", pr.Paid[k], paid[p*h+k]}, {"received", pr.Received[k], recv[p*h+k]}, {"saved", pr.Saved[k], saved[p*h+k]}} {
				if math.Abs(c.table-c.lgr) > tolerance(c.lgr) {
					return fail("%d: %s %s %.6f in the table but %.6f in the ledger", r.Years[k], pr.ID, c.what, c.table, c.lgr)
				}
			}
		}
	}
	return nil
}
