package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

type comparisonJSON struct {
	Options []struct {
		Name         string  `json:"name"`
		Base         bool    `json:"base"`
		Funding      float64 `json:"funding_pv"`
		FundingDelta float64 `json:"funding_pv_delta"`
		WorseOff     int     `json:"worse_off"`
		Parties      []struct {
			ID    string      `json:"id"`
			PV    sim.Summary `json:"present_value"`
			Delta sim.Summary `json:"delta"`
		} `json:"parties"`
	} `json:"options"`
}

func compareJSON(t *testing.T, args ...string) comparisonJSON {
	t.Helper()
	var c comparisonJSON
	out := mustRun(t, append(append([]string{"compare"}, args...), "--format", "json")...)
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCompareDeltaIsDifferenceOfRuns: every difference equals the
// difference of two separate runs, to the bit (the same arithmetic) before
// JSON rounds it to the cent, and
// the base option equals a plain run of the base: applying variants never
// changes the base.
func TestCompareDeltaIsDifferenceOfRuns(t *testing.T) {
	c := compareJSON(t)
	base, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	baseRun, err := sim.Run(base, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Options) != 1+len(base.Variants) {
		t.Fatalf("%d options, want the base and %d variants", len(c.Options), len(base.Variants))
	}
	for p, bp := range baseRun.Parties {
		if got := c.Options[0].Parties[p]; got.PV != centsSummary(bp.PV) || got.Delta != (sim.Summary{}) {
			t.Errorf("base %s: %+v in the comparison, %+v in a plain run", bp.ID, got, bp.PV)
		}
	}
	for i := range base.Variants {
		s, err := base.WithVariant(&base.Variants[i])
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Run(s, sim.Options{})
		if err != nil {
			t.Fatal(err)
		}
		o := c.Options[i+1]
		worse := 0
		for p, vp := range r.Parties {
			want := vp.PV.Net - baseRun.Parties[p].PV.Net
			if got := o.Parties[p].Delta.Net; got != cents(want) {
				t.Errorf("%s %s: Δ net %v, separate runs give %v", o.Name, vp.ID, got, want)
			}
			if want < -1 {
				worse++
			}
		}
		if o.WorseOff != worse {
			t.Errorf("%s: %d parties worse off, separate runs give %d", o.Name, o.WorseOff, worse)
		}
	}
	// The base itself is untouched after all variants ran.
	again, _ := sim.Run(base, sim.Options{})
	for p := range again.Parties {
		if again.Parties[p].PV != baseRun.Parties[p].PV {
			t.Errorf("the base changed after the variants: %s", again.Parties[p].ID)
		}
	}
}

func TestCompareSelectionAndAdHoc(t *testing.T) {
	c := compareJSON(t, "--variant", "Lineaire afbouw", "--set", "instrument.portemonnee.rate=0.001", "--disable", "plus-huisartsen")
	if len(c.Options) != 3 || c.Options[1].Name != "Lineaire afbouw" || !strings.Contains(c.Options[2].Name, "--set instrument.portemonnee.rate=0.001") {
		names := []string{}
		for _, o := range c.Options {
			names = append(names, o.Name)
		}
		t.Errorf("options %v; want the base, Lineaire afbouw and the ad-hoc option", names)
	}
}

func TestCompareFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	src := exampleSource(t, "small")
	os.WriteFile(a, []byte(src), 0o644)
	// b: the same region with twice the IZA money, so twice the funding in
	// its first two years (by hand: 200 000 + 400 000 funded instead of
	// 100 000 + 200 000, at most the need).
	os.WriteFile(b, []byte(strings.Replace(src, "welzijn-op-recept = 200_000 }", "welzijn-op-recept = 400_000 }", 1)), 0o644)
	c := compareJSON(t, a, b)
	if len(c.Options) != 2 || !c.Options[0].Base {
		t.Fatalf("got %d options", len(c.Options))
	}
	if c.Options[1].FundingDelta <= 0 {
		t.Errorf("more IZA money gives Δ funding %v, want > 0", c.Options[1].FundingDelta)
	}
}

func TestCompareErrors(t *testing.T) {
	cases := []struct {
		args []string
		want []string
	}{
		// An unknown variant lists the known ones, and suggests the nearest.
		{[]string{"compare", "--variant", "Lineare afbouw"}, []string{`no variant "Lineare afbouw"`, `did you mean "Lineaire afbouw"?`, `"Afbouw in één keer (cliff)"`}},
		// An unknown path suggests the nearest.
		{[]string{"compare", "--set", "instrument.portemonnee.rat=0.1"}, []string{`unknown key "rat"`, `did you mean "rate"?`}},
		{[]string{"compare", "--set", "instrument.portemone.rate=0.1"}, []string{`no instrument with id "portemone"`, `did you mean "portemonnee"?`}},
		{[]string{"compare", "--set", "instrument.portemonnee.rate"}, []string{"PATH=VALUE"}},
		{[]string{"compare", "--disable", "plus"}, []string{`no instrument or initiative "plus"`}},
		// A value out of range is checked like a file's.
		{[]string{"compare", "--set", "instrument.portemonnee.rate=1.5"}, []string{"outside 0..1"}},
		// Nothing to compare.
		{[]string{"compare", "--example", "small"}, []string{"nothing to compare"}},
	}
	for _, c := range cases {
		r := runCLI(t, c.args...)
		if r.code != exitInput {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", c.args, r.code, r.stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", c.args, w, r.stderr)
			}
		}
	}
}

func TestCompareTableAndCSV(t *testing.T) {
	out := mustRun(t, "compare")
	for _, want := range []string{"Options side by side", "Δ V1", "parties worse off"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q", want)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("colours written to a non-terminal")
	}
	dir := filepath.Join(t.TempDir(), "cmp")
	mustRun(t, "compare", "-o", dir)
	for _, f := range []string{"compare_options.csv", "compare_net.csv", "compare_coverage.csv", "compare_parties.csv", "compare_initiatives.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// BenchmarkCompareTenVariants compares the realistic example with ten
// variants (testdata/bench), the whole command but its process start.
func BenchmarkCompareTenVariants(b *testing.B) {
	file := "../../testdata/bench/realistic-10-variants.toml"
	s, err := scenarios.Load(file)
	if err != nil {
		b.Fatal(err)
	}
	args := []string{"compare", file}
	for _, name := range s.VariantNames() {
		if strings.HasPrefix(name, "Portemonnee ") {
			args = append(args, "--variant", name)
		}
	}
	if len(args) != 22 {
		b.Fatalf("%d variants, want 10", (len(args)-2)/2)
	}
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
