package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/instruments"
)

func TestTornadoCommand(t *testing.T) {
	out := mustRun(t, "tornado", "--outcome", "purchase.kruis-zv-a.closes", "--format", "csv")
	recs := readCSV(t, out)
	// The widest bar first: valpreventie's savings scale decides the case.
	if recs[1][0] != "initiative.valpreventie.savings_scale" || recs[1][len(recs[1])-1] != "high" {
		t.Errorf("first row %v, want valpreventie's scale flipping at high", recs[1])
	}
	dir := filepath.Join(t.TempDir(), "t")
	mustRun(t, "tornado", "--spider", "-o", dir)
	for _, f := range []string{"tornado.csv", "spider.csv", "charts/tornado.svg", "charts/spider.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("no %s", f)
		}
	}
	tw := mustRun(t, "tornado", "--two-way", "initiative.valpreventie.savings_scale,party.zv-a.growth", "--outcome", "purchase.kruis-zv-a.closes", "--points", "5", "--format", "csv")
	if recs := readCSV(t, tw); len(recs) != 6 || len(recs[0]) != 6 {
		t.Errorf("two-way grid %d × %d, want a header and 5 rows of 1 + 5", len(recs), len(recs[0]))
	}
}

// TestSolveCommand: the break-even of kruis-zk is threshold / ratio at
// scale 1 (the ratio is linear in the scale), read off `run`.
func TestSolveCommand(t *testing.T) {
	var run struct {
		Purchases []struct {
			Instrument string
			Ratio      float64
			Threshold  float64
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "run", "--format", "json")), &run); err != nil {
		t.Fatal(err)
	}
	var ans struct{ Value float64 }
	if err := json.Unmarshal([]byte(mustRun(t, "solve", "--break-even", "kruis-zk", "--format", "json")), &ans); err != nil {
		t.Fatal(err)
	}
	for _, d := range run.Purchases {
		if d.Instrument == "kruis-zk" {
			// run's JSON gives the ratio to six significant digits.
			if want := d.Threshold / d.Ratio; math.Abs(ans.Value-want) > 1e-5*want {
				t.Errorf("break-even %v, want %v / %v = %v", ans.Value, d.Threshold, d.Ratio, want)
			}
		}
	}
	out := mustRun(t, "solve", "--min-rate", "portemonnee")
	if !strings.Contains(out, "no initiative that Regio-portemonnee funds has a gap") {
		t.Errorf("min-rate: %s", out)
	}
}

func TestSensitivityBadInput(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"tornado", "--outcome", "region.gap_pvv"}, `did you mean "region.gap_pv"?`},
		{[]string{"tornado", "--range", "instrument.portemonnee.rate=0.01:0.001"}, "is not below HIGH"},
		{[]string{"tornado", "--range", "instrument.portemonnee.rate=0.5:1.5"}, "leaves the valid range 0..1"},
		{[]string{"tornado", "--range", "instrument.portemonee.rate=0:0.1"}, `did you mean "portemonnee"?`},
		{[]string{"tornado", "--two-way", "initiative.valpreventie.savings_scale"}, "name two values"},
		{[]string{"tornado", "--two-way", "a,b,c"}, "name two values"},
		{[]string{"solve", "--break-even", "kruis-zk", "--in", "0:2"}, "does not reach 1"},
		{[]string{"solve", "--break-even", "kruis-zz"}, `did you mean`},
		{[]string{"solve", "--vary", "instrument.portemonnee.rate", "--target", "region.gap_pv=0", "--in", "0.2:0.1"}, "is not below HIGH"},
		{[]string{"solve"}, "ask one question"},
		{[]string{"solve", "--vary", "region.discount_rate", "--target", "region.gap_pv=inf"}, "--target"},
		{[]string{"tornado", "--range", "instrument.kruis-zv-a.window=3.5:8"}, "leaves the valid range"},
		{[]string{"tornado", "--two-way", "party.zv-a.turnovr,party.zv-b.turnover"}, `--two-way party.zv-a.turnovr: unknown key "turnovr"; did you mean "turnover"?`},
		{[]string{"tornado", "--range", "party.zv-a.turnover=nan:1"}, "LOW and HIGH must be numbers"},
		{[]string{"tornado", "--range", "party.zv-a.growth=0:0,1"}, "(write decimals with a dot: 0:0.1)"},
		{[]string{"solve", "--zero", "zv-a", "--vary", "instrument.portemonnee.rate", "--in", "nan:0.1"}, `--in "nan:0.1": write LOW:HIGH`},
		{[]string{"solve", "--zero", "zv-a", "--vary", "instrument.portemonnee.rate", "--in", "0:inf"}, `--in "0:inf": write LOW:HIGH`},
	}
	for _, c := range cases {
		r := runCLI(t, c.args...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out := mustRun(t, args...)
		if !strings.HasPrefix(out, "regiosim ") || len(strings.TrimSpace(out)) <= len("regiosim ") {
			t.Errorf("%v: %q", args, out)
		}
	}
}

// TestBusinessCaseSavesNobody: an initiative that saves nobody anything
// has no buyer to make a case for: bad input (exit 2), not a failure.
func TestBusinessCaseSavesNobody(t *testing.T) {
	file := filepath.Join(t.TempDir(), "r.toml")
	os.WriteFile(file, []byte("[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n[[initiative]]\nid = \"x\"\nprovider = \"zv\"\ncost = 1000\n"), 0o644)
	r := runCLI(t, "business-case", file, "--initiative", "x")
	if r.code != exitInput || !strings.Contains(r.stderr, "saves nobody anything") {
		t.Errorf("exit %d, %q", r.code, r.stderr)
	}
}

// TestInitTemplates: the template that init writes validates and runs as
// written and with every commented "# key = value" line and [[instrument]]
// uncommented (every instrument type then appears); with --lang nl its
// comments are Dutch and its keys the same.
func TestInitTemplates(t *testing.T) {
	uncomment := regexp.MustCompile(`(?m)^# (\[|[a-z_]+ = )`)
	for _, lang := range []string{"en", "nl"} {
		dir := t.TempDir()
		file := filepath.Join(dir, "r.toml")
		mustRun(t, "init", file, "--lang", lang)
		src, _ := os.ReadFile(file)
		all := filepath.Join(dir, "all.toml")
		os.WriteFile(all, uncomment.ReplaceAll(src, []byte("$1")), 0o644)
		for _, f := range []string{file, all} {
			mustRun(t, "validate", f)
			mustRun(t, "run", f)
		}
		allSrc, _ := os.ReadFile(all)
		for _, typ := range instruments.Types() {
			if !strings.Contains(string(allSrc), `type = "`+typ+`"`) {
				t.Errorf("%s: the template has no %s", lang, typ)
			}
		}
		if dutch := strings.Contains(string(src), "Een regiosim-scenario"); dutch != (lang == "nl") {
			t.Errorf("%s: Dutch comments %v", lang, dutch)
		}
	}
}
