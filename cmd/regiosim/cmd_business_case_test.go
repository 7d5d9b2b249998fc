package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// caseFile is a four-year region at 0 % discount where every figure can be
// added by hand: x costs 100 a year and saves zv 120 and gem 30.
const caseFile = `[region]
name = "T"
first_year = 2026
horizon = 4
discount_rate = 0.0
[[party]]
id = "zv"
kind = "insurer"
[[party]]
id = "gem"
kind = "municipality"
[[party]]
id = "zk"
kind = "care_office"
[[party]]
id = "wz"
kind = "social_work"
[[initiative]]
id = "x"
provider = "wz"
cost = 100
savings = { zv = 120, gem = 30 }
[[initiative]]
id = "z"
provider = "wz"
cost = 100
savings = { zv = 30, gem = 60, zk = 60 }
[[instrument]]
type = "cross_purchase"
id = "kx"
buyer = "zv"
initiative = "x"
window = 2
`

func writeCase(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "case.toml")
	if err := os.WriteFile(f, []byte(caseFile), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestBusinessCaseVerdicts(t *testing.T) {
	f := writeCase(t)
	cases := []struct {
		args []string
		want string
	}{
		// x for zv over the cross-purchase's 2 years: 240 / 200 = 1.20.
		{[]string{"--initiative", "x"}, "Closes: ratio 1.20 ≥ 1.00 within 2 years"},
		// A threshold of 1.5 fails for any window (the ratio is 1.2 every year).
		{[]string{"--initiative", "x", "--threshold", "1.5"}, "Does not close: ratio 1.20 < 1.50; the buyer's own savings do not cover its cost"},
		// z for zv: 30 of 150 a year is zv's; 80 % lands with the zorgkantoor
		// and the one municipality (40 % each; ties in kind order).
		{[]string{"--initiative", "z", "--buyer", "zv"}, "Does not close: 80% of the savings land with the zorgkantoor and the municipality"},
		{[]string{"--initiative", "z", "--buyer", "zv", "--lang", "nl"}, "Sluit niet: 80% van de besparingen landt bij het zorgkantoor en de gemeente"},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out := mustRun(t, append([]string{"business-case", f}, c.args...)...)
			if !strings.Contains(out, c.want) {
				t.Errorf("output lacks %q:\n%s", c.want, out)
			}
		})
	}
}

func TestBusinessCaseJSON(t *testing.T) {
	f := writeCase(t)
	out := mustRun(t, "business-case", f, "--initiative", "x", "--window", "4", "--format", "json")
	var bc struct {
		Window       int      `json:"window"`
		PVCost       float64  `json:"pv_cost"`
		PVSavings    float64  `json:"pv_savings"`
		SocietyRatio float64  `json:"society_ratio"`
		BuyerIRR     *float64 `json:"buyer_irr"`
		WrongPocket  float64  `json:"wrong_pocket_share"`
		Closes       bool     `json:"closes"`
	}
	if err := json.Unmarshal([]byte(out), &bc); err != nil {
		t.Fatal(err)
	}
	// By hand over 4 years: cost 400, savings 4 × 150 = 600, ratio 1.5;
	// gem's 30 of 150 is the wrong pocket (20 %); zv nets +20 each year, so
	// no sign change and no IRR (null, not NaN).
	if bc.Window != 4 || bc.PVCost != 400 || bc.PVSavings != 600 || bc.SocietyRatio != 1.5 || math.Abs(bc.WrongPocket-0.2) > 1e-12 || bc.BuyerIRR != nil || !bc.Closes {
		t.Errorf("got %+v", bc)
	}
}

func TestBusinessCaseBuiltIn(t *testing.T) {
	// The realistic example's case management should not close for the
	// zorgkantoor (FACTS: no saving in years 1–2, then € 0.4 M Wlz against € 0.9 M).
	out := mustRun(t, "business-case", "--initiative", "casemanagement", "--buyer", "zk")
	if !strings.Contains(out, "Does not close") {
		t.Errorf("case management closes:\n%s", out)
	}
}

func TestBusinessCaseUsageErrors(t *testing.T) {
	f := writeCase(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"business-case", f}, "--initiative"},
		{[]string{"business-case", f, "--initiative", "xx"}, `did you mean "x"?`},
		{[]string{"business-case", f, "--initiative", "x", "--buyer", "zvv"}, `did you mean "zv"?`},
		{[]string{"business-case", f, "--initiative", "x", "--window", "-1"}, "--window"},
		{[]string{"business-case", f, "--initiative", "x", "--format", "xml"}, "--format"},
	}
	for _, c := range cases {
		r := runCLI(t, c.args...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, r.code, r.stderr, c.want)
		}
	}
	// A municipality as buyer is allowed, with a warning.
	r := runCLI(t, "business-case", f, "--initiative", "x", "--buyer", "gem")
	if r.code != exitOK || !strings.Contains(r.stderr, "warning") {
		t.Errorf("municipality as buyer: exit %d, stderr %q; want 0 and a warning", r.code, r.stderr)
	}
}

// caseJSON is the part of a business case's JSON that its savings rows are
// checked against.
type caseJSON struct {
	Rate      float64 `json:"discount_rate"`
	PVSavings float64 `json:"pv_savings"`
	Savings   []struct {
		Party  string    `json:"party"`
		Amount []float64 `json:"amount"`
		Total  float64   `json:"total"`
		PV     float64   `json:"present_value"`
	} `json:"savings"`
}

// checkCaseSavings checks that every savings row's total and present value
// are those of its own yearly amounts (discounted at the case's rate to the
// decision year, the first of them), and that the rows' present values add
// up to the case's pv_savings. Every figure is rounded to the cent in JSON,
// so each sum may be off by half a cent per term.
func checkCaseSavings(t *testing.T, name string, bc caseJSON) {
	t.Helper()
	if len(bc.Savings) == 0 {
		t.Fatalf("%s: no savings rows", name)
	}
	pvAll := 0.0
	for _, s := range bc.Savings {
		sum, pv, f := 0.0, 0.0, 1.0
		for _, a := range s.Amount {
			sum += a
			pv += a / f
			f *= 1 + bc.Rate
		}
		tol := 0.005*float64(len(s.Amount)) + 0.005
		if math.Abs(s.Total-sum) > tol || math.Abs(s.PV-pv) > tol {
			t.Errorf("%s: savings of %s: total %v, present value %v; the yearly amounts %v give %v and %v at %v",
				name, s.Party, s.Total, s.PV, s.Amount, sum, pv, bc.Rate)
		}
		pvAll += s.PV
	}
	if tol := 0.005*float64(len(bc.Savings)) + 0.005; math.Abs(pvAll-bc.PVSavings) > tol {
		t.Errorf("%s: the savings rows' present values add up to %v, pv_savings is %v", name, pvAll, bc.PVSavings)
	}
}

// TestBusinessCaseSavingsTotals: the savings rows of a business case carry
// their total and present value, in business-case's JSON and in run's
// (they were 0 while the yearly amounts were not).
func TestBusinessCaseSavingsTotals(t *testing.T) {
	f := writeCase(t)
	var bc caseJSON
	if err := json.Unmarshal([]byte(mustRun(t, "business-case", f, "--initiative", "x", "--window", "4", "--format", "json")), &bc); err != nil {
		t.Fatal(err)
	}
	// By hand (caseFile, 0 % discount): zv saves 120 and gem 30 in each of 4 years.
	want := map[string]float64{"zv": 480, "gem": 120}
	for _, s := range bc.Savings {
		if s.Total != want[s.Party] || s.PV != want[s.Party] {
			t.Errorf("savings of %s: total %v, present value %v; want %v for both", s.Party, s.Total, s.PV, want[s.Party])
		}
	}
	checkCaseSavings(t, "case.toml x", bc)

	// The built-in example discounts at 2.25 %: business-case ...
	if err := json.Unmarshal([]byte(mustRun(t, "business-case", "--initiative", "casemanagement", "--buyer", "zk", "--format", "json")), &bc); err != nil {
		t.Fatal(err)
	}
	checkCaseSavings(t, "business-case casemanagement zk", bc)
	// ... and the cases behind run's purchases.
	var r struct {
		Cases []caseJSON `json:"cases"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "run", "--format", "json")), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Cases) == 0 {
		t.Fatal("run's JSON has no cases")
	}
	for i, c := range r.Cases {
		checkCaseSavings(t, "run cases["+strconv.Itoa(i)+"]", c)
	}
}

// TestBusinessCaseNames: the header and the per-year columns name the
// buyer and the savers (the example's zk is "Zorgkantoor"); CSV keeps the ids
// in its column keys.
func TestBusinessCaseNames(t *testing.T) {
	out := mustRun(t, "business-case", "--initiative", "casemanagement", "--buyer", "zk")
	for _, want := range []string{"Casemanagement kwetsbare ouderen · buyer Zorgkantoor · 2026–2030", "saved by Zorgkantoor"} {
		if !strings.Contains(out, want) {
			t.Errorf("business-case lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"buyer zk", "saved by zk"} {
		if strings.Contains(out, bad) {
			t.Errorf("business-case says %q, an id:\n%s", bad, out)
		}
	}
	if nl := mustRun(t, "business-case", "--initiative", "casemanagement", "--buyer", "zk", "--lang", "nl"); !strings.Contains(nl, "koper Zorgkantoor") || !strings.Contains(nl, "bespaard door Zorgkantoor") {
		t.Errorf("Dutch business-case lacks the names:\n%s", nl)
	}
	if csv := mustRun(t, "business-case", "--initiative", "casemanagement", "--buyer", "zk", "--format", "csv"); !strings.Contains(csv, "saved_zk") {
		t.Errorf("CSV lost the column key saved_zk:\n%s", csv)
	}
}
