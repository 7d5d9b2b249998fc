package instruments

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

// readOracle reads a spreadsheet oracle CSV into rows of fields by header.
func readOracle(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open("../testdata/oracles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// closeTo compares with the oracle's relative tolerance 1e-9; values the
// spreadsheet gives as about 1e-11 (its zero) are compared absolutely.
func closeTo(got, want float64) bool {
	return scalar.EqualWithinAbsOrRel(got, want, 1e-6, 1e-9)
}

func TestPhaseOutLevelsAgainstSpreadsheet(t *testing.T) {
	// Expected levels computed by a spreadsheet: L + CUMPRINC(r, N, L, 1, j+1, 0)
	// and L × (1 − (j+1)/N) (testdata/oracles/phaseout.csv).
	for _, row := range readOracle(t, "phaseout.csv") {
		l, r := num(t, row["legacy"]), num(t, row["rate"])
		n, _ := strconv.Atoi(row["years"])
		j, _ := strconv.Atoi(row["j"])
		if got, want := l*Fraction("annuity", j, n, r), num(t, row["annuity_level"]); !closeTo(got, want) {
			t.Errorf("annuity L=%g r=%g N=%d j=%d: got %.10f, spreadsheet %.10f", l, r, n, j, got, want)
		}
		if got, want := l*Fraction("linear", j, n, r), num(t, row["linear_level"]); !closeTo(got, want) {
			t.Errorf("linear L=%g N=%d j=%d: got %.10f, spreadsheet %.10f", l, n, j, got, want)
		}
	}
}

func TestAnnuityPaymentAgainstSpreadsheet(t *testing.T) {
	// Expected payments computed by a spreadsheet: PMT(r, N, −L)
	// (testdata/oracles/annuity-payment.csv).
	for _, row := range readOracle(t, "annuity-payment.csv") {
		l, r := num(t, row["legacy"]), num(t, row["rate"])
		n, _ := strconv.Atoi(row["years"])
		got := AnnuityPayment(l, r, n)
		if want := num(t, row["payment"]); !closeTo(got, want) {
			t.Errorf("PMT(%g, %d, -%g): got %.10f, spreadsheet %.10f", r, n, l, got, want)
		}
		// The annuity level is the outstanding balance of that loan: each
		// year the payment is interest on the previous level plus the cut.
		prev := l
		for j := 0; j < n; j++ {
			level := l * Fraction("annuity", j, n, r)
			if paid := prev - level + r*prev; !closeTo(paid, got) {
				t.Errorf("L=%g r=%g N=%d j=%d: cut + interest = %.6f, want the payment %.6f", l, r, n, j, paid, got)
			}
			prev = level
		}
	}
}

func TestFractionProfiles(t *testing.T) {
	const n = 8
	for j := -2; j < n+3; j++ {
		lin := Fraction("linear", j, n, 0.04)
		ann := Fraction("annuity", j, n, 0.04)
		cliff := Fraction("cliff", j, n, 0.04)
		for name, f := range map[string]float64{"linear": lin, "annuity": ann, "cliff": cliff} {
			if f < 0 || f > 1 {
				t.Errorf("%s j=%d: fraction %g outside 0..1", name, j, f)
			}
		}
		switch {
		case j < 0: // before the start the flow is untouched
			if lin != 1 || ann != 1 || cliff != 1 {
				t.Errorf("j=%d before the start: %g %g %g, want 1", j, lin, ann, cliff)
			}
		case j >= n-1: // every profile reaches zero in year s+N−1 (DOMAIN.md)
			if lin != 0 || ann != 0 || cliff != 0 {
				t.Errorf("j=%d: %g %g %g, want 0", j, lin, ann, cliff)
			}
		default:
			// The cliff pays the whole baseline until its last year.
			if cliff != 1 {
				t.Errorf("cliff j=%d: %g, want 1", j, cliff)
			}
			// An annuity cuts less early on than linear ("early cuts small").
			if ann < lin {
				t.Errorf("j=%d: annuity level %g below linear %g", j, ann, lin)
			}
		}
	}
}

func TestAnnuityApproachesLinear(t *testing.T) {
	// r → 0 gives linear (DOMAIN.md); the gap shrinks with r.
	const n = 10
	prevGap := 1.0
	// 1.1e-16 once gave 0/0 (found by the property test in sim).
	for _, r := range []float64{0.1, 0.01, 1e-4, 1e-6, 1e-9, 1.1102230246251565e-16} {
		gap := 0.0
		for j := 0; j < n; j++ {
			f := Fraction("annuity", j, n, r)
			if math.IsNaN(f) {
				t.Fatalf("r=%g j=%d: NaN", r, j)
			}
			gap = max(gap, f-Fraction("linear", j, n, r))
		}
		if gap > prevGap {
			t.Errorf("r=%g: distance to linear %g grew (was %g)", r, gap, prevGap)
		}
		prevGap = gap
	}
	if prevGap > 1e-6 {
		t.Errorf("r=1.1e-16: annuity is %g away from linear", prevGap)
	}
}
