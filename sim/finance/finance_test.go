package finance

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats/scalar"
)

func TestAgainstSpreadsheet(t *testing.T) {
	// Expected present values and IRRs computed by a spreadsheet:
	// CF_0 + NPV(rate, CF_1…CF_n) and IRR(CF_0…CF_n)
	// (testdata/oracles/present-value.csv).
	f, err := os.Open("../../testdata/oracles/present-value.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		rate, _ := strconv.ParseFloat(rec[1], 64)
		var cf []float64
		for _, s := range strings.Fields(rec[2]) {
			v, _ := strconv.ParseFloat(s, 64)
			cf = append(cf, v)
		}
		pv, _ := strconv.ParseFloat(rec[3], 64)
		irr, _ := strconv.ParseFloat(rec[4], 64)
		if got := PresentValue(cf, rate); !scalar.EqualWithinRel(got, pv, 1e-9) {
			t.Errorf("%s: PV %.10f, spreadsheet %.10f", rec[0], got, pv)
		}
		got, ok := IRR(cf)
		if !ok || !scalar.EqualWithinRel(got, irr, 1e-9) {
			t.Errorf("%s: IRR %.12f (ok %v), spreadsheet %.12f", rec[0], got, ok, irr)
		}
	}
}

func TestIRRWithoutSignChange(t *testing.T) {
	// No sign change: no rate makes the present value zero; "none", never NaN.
	for _, cf := range [][]float64{{100, 200}, {-1, -2, -3}, {0, 0}, {}, {0, 5}} {
		if r, ok := IRR(cf); ok || math.IsNaN(r) {
			t.Errorf("IRR(%v) = %v, %v; want none", cf, r, ok)
		}
	}
}

func TestIRRByHand(t *testing.T) {
	// -100 now, 110 in a year: 10 % by hand.
	if r, ok := IRR([]float64{-100, 110}); !ok || !scalar.EqualWithinAbs(r, 0.10, 1e-12) {
		t.Errorf("IRR = %v, %v; want 0.10", r, ok)
	}
	// -100, 0, 121: (1+r)^2 = 1.21, r = 10 %.
	if r, ok := IRR([]float64{-100, 0, 121}); !ok || !scalar.EqualWithinAbs(r, 0.10, 1e-12) {
		t.Errorf("IRR = %v, %v; want 0.10", r, ok)
	}
}

func TestPaybackAndRatio(t *testing.T) {
	// By hand at 0 %: cumulative -100, -50, 0 → pays back at index 2.
	if got := Payback([]float64{-100, 50, 50}, 0); got != 2 {
		t.Errorf("payback %d, want 2", got)
	}
	// At 10 % the third flow is worth 41.32: cumulative stays below 0.
	if got := Payback([]float64{-100, 50, 50}, 0.10); got != -1 {
		t.Errorf("payback %d, want -1 (not within the series)", got)
	}
	if got, ok := Ratio(150, 100); got != 1.5 || !ok {
		t.Errorf("ratio %v, %v; want 1.5", got, ok)
	}
	// No cost: no ratio, and never an infinity (JSON cannot hold one).
	if got, ok := Ratio(5, 0); got != 0 || ok {
		t.Errorf("ratio with no cost %v, %v; want 0, false", got, ok)
	}
}
