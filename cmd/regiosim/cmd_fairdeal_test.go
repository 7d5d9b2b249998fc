package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFairDealExample: on the built-in example no deal brings
// Zorgverzekeraar A back to its status quo (the phase-out converts part of
// its freed legacy money into the wallet; without the wallet it keeps
// it), and fair-deal says so; the best achievable deal funds everything
// and is written as a variant that compare runs beside the others.
func TestFairDealExample(t *testing.T) {
	out := mustRun(t, "fair-deal", "--wallet", "portemonnee")
	for _, want := range []string{"Zorgverzekeraar A falls short by", "The best achievable", "Fair deal for Regio Voorbeeld"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	var res struct {
		Infeasible string
		Parties    []struct {
			ID          string
			Contributor bool
			Rate        float64
			Net, Floor  float64
		}
		MaxGap float64
	}
	if err := json.Unmarshal([]byte(mustRun(t, "fair-deal", "--format", "json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Infeasible != "floor" || res.MaxGap >= 0.005 {
		t.Errorf("infeasible %q, gap %v", res.Infeasible, res.MaxGap)
	}
	file := filepath.Join(t.TempDir(), "deal.toml")
	mustRun(t, "fair-deal", "--wallet", "portemonnee", "--write-variant", "Eerlijke deal", "-o", file)
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	cmp := mustRun(t, "compare", file, "--variant", "Eerlijke deal")
	if !strings.Contains(cmp, "Eerlijke deal") {
		t.Errorf("compare does not show the deal:\n%s", cmp)
	}
	nl := mustRun(t, "fair-deal", "--lang", "nl")
	if !strings.Contains(nl, "Eerlijke deal voor Regio Voorbeeld") || !strings.Contains(nl, "komt") {
		t.Errorf("Dutch output:\n%s", nl)
	}
}

// TestFairDealBadInput: exit 2 with the problem named.
func TestFairDealBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--wallet", "portemonee"}, `did you mean "portemonnee"?`},
		{[]string{"--wallet", "portemonnee", "--rate-bound", "zv-a=0.02:0.01"}, "is not a range of rates"},
		{[]string{"--wallet", "portemonnee", "--floor", "zz=0"}, `"zz" is not a party at the table`},
		{[]string{"--wallet", "portemonnee", "--objective", "fair"}, "use least or max-min"},
		{[]string{"--wallet", "plus-huisartsen"}, "not a wallet"},
	} {
		r := runCLI(t, append([]string{"fair-deal"}, c.args...)...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestReportFairDeal: report --fair-deal adds the deal's section, its
// table as CSV and a workbook sheet.
func TestReportFairDeal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	mustRun(t, "report", "--fair-deal", "portemonnee", "-o", dir)
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<section class="fair-deal">`, `id="table-fair_deal"`, "Zorgverzekeraar A falls short by"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "tables", "fair_deal.csv")); err != nil {
		t.Error("no tables/fair_deal.csv")
	}
	if r := runCLI(t, "report", "--fair-deal", "pot", "-o", filepath.Join(t.TempDir(), "x")); r.code != exitInput {
		t.Errorf("an unknown wallet: exit %d", r.code)
	}
}

// TestFairDealSidePayments: side payments leave every party at its status
// quo or above, the payments add up to zero; with --wallet it is a usage
// error.
func TestFairDealSidePayments(t *testing.T) {
	var res struct {
		Parties []struct {
			ID                      string
			StatusQuo, Floor, After float64
			Payment                 float64
		}
		Infeasible bool
	}
	if err := json.Unmarshal([]byte(mustRun(t, "fair-deal", "--side-payments", "--format", "json")), &res); err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, p := range res.Parties {
		sum += p.Payment
		if p.After < p.Floor-0.01 {
			t.Errorf("%s ends at %v, below %v", p.ID, p.After, p.Floor)
		}
	}
	if res.Infeasible || sum > 0.05 || sum < -0.05 {
		t.Errorf("infeasible %v, payments add up to %v", res.Infeasible, sum)
	}
	if r := runCLI(t, "fair-deal", "--side-payments", "--wallet", "portemonnee"); r.code != exitInput || !strings.Contains(r.stderr, "leave out --wallet") {
		t.Errorf("--side-payments with --wallet: exit %d, %s", r.code, r.stderr)
	}
}

// TestFairDealFlagMistakes: a flag given twice for one party, a party
// left out, a decimal comma, a near miss of the objective are usage
// errors that say so; the wallet's problem names --wallet; the problems
// of the flags read in Dutch under --lang nl, in a fixed order; a
// variant file that cannot be written leaves nothing behind.
func TestFairDealFlagMistakes(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--floor", "zv-a=0", "--floor", "zv-a=5"}, `--floor "zv-a=5": zv-a has a floor already`},
		{[]string{"--rate-bound", "zv-a=0:0.01", "--rate-bound", "zv-a=0:0.02"}, `--rate-bound "zv-a=0:0.02": zv-a has a bound already`},
		{[]string{"--floor", "=5"}, `--floor "=5": write PARTY=AMOUNT`},
		{[]string{"--rate-bound", "=0:1"}, `--rate-bound "=0:1": write PARTY=LOW:HIGH`},
		{[]string{"--floor", "zv-a=1,5"}, "(write decimals with a dot: 1.5)"},
		{[]string{"--objective", "maxmin"}, `did you mean "max-min"?`},
		{[]string{"--wallet", "portemonee"}, `--wallet portemonee: is no wallet of the scenario; did you mean "portemonnee"?`},
	} {
		r := runCLI(t, append([]string{"fair-deal"}, c.args...)...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
	r := runCLI(t, "--lang", "nl", "fair-deal", "--rate-bound", "zv-x=0:0.01", "--floor", "zv-y=0", "--rate-bound", "zv-a=0.5:0.1")
	want := "--floor zv-y: \"zv-y\" is geen partij aan tafel; bedoelt u \"zv-a\"?\n" +
		"--rate-bound zv-a: 0.5:0.1 is geen bereik van percentages: 0 ≤ LOW ≤ HIGH ≤ 1\n" +
		"--rate-bound zv-x: \"zv-x\" legt niet in in de portemonnee portemonnee; bedoelt u \"zv-a\"?\n"
	if r.code != exitInput || r.stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", r.code, r.stderr, want)
	}
	if r := runCLI(t, "--lang", "nl", "fair-deal", "--wallet", "iza"); r.code != exitInput || !strings.Contains(r.stderr, "--wallet iza: is een transformation_funds, geen portemonnee") {
		t.Errorf("a wallet that is none, in Dutch: exit %d, %q", r.code, r.stderr)
	}
	dir := t.TempDir()
	r = runCLI(t, "fair-deal", "--write-variant", "Deal", "-o", filepath.Join(dir, "no", "such", "x.toml"))
	if r.code != exitFailure || !strings.Contains(r.stderr, "cannot write") {
		t.Errorf("an unwritable -o: exit %d, %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d entries", len(entries))
	}
}
