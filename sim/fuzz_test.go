package sim_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
)

// FuzzRun goes the whole way: every text the loader accepts must run —
// its tables with the ledger (the run checks that money is conserved),
// run's tables written as text and CSV in both languages with no NaN or
// infinity, every variant, and a few draws of its stress test — without
// an error or a panic. Seeded with the built-in examples, the scenario
// files of testdata and every scenario written out in the tests.
func FuzzRun(f *testing.F) {
	for _, name := range scenarios.Examples() {
		src, err := scenarios.ExampleSource(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, seed := range testScenarios(f) {
		f.Add(seed)
	}
	f.Add([]byte("[region]\nfirst_year = 2026\nhorizon = 3\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1e6\n[[party]]\nid = \"w\"\nkind = \"social_work\"\n" +
		"[[flow]]\nid = \"f\"\nfrom = \"zv\"\nto = \"w\"\nstream = \"zvw\"\namount = 1000\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"w\"\ncost = 100\nsavings = { zv = 300 }\n" +
		"[[instrument]]\ntype = \"phase_out\"\nid = \"a\"\nflow = \"f\"\nstart = 2026\nyears = 1\nconvert_to = \"x\"\n" +
		"[[instrument]]\ntype = \"phase_out\"\nid = \"b\"\nflow = \"f\"\nstart = 2027\nyears = 2\n" +
		"[uncertainty]\ndraws = 5\n[uncertainty.params]\n\"initiative.x.savings_scale\" = { dist = \"uniform\", min = 0, max = 2 }\n"))
	f.Add([]byte("[region]\nfirst_year = 2026\nhorizon = 4\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1e6\n[[party]]\nid = \"w\"\nkind = \"social_work\"\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"w\"\ncost = 100\nsavings = { zv = 300 }\n" +
		"[[instrument]]\ntype = \"wallet\"\nid = \"pot\"\nrate = 0.0001\ncontributors = [\"zv\"]\nfunds = [\"x\"]\n" +
		"[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 50\nto = \"pot\"\n" +
		"[[instrument]]\ntype = \"regional_budget\"\nid = \"rc\"\namount = 80\ngrowth = 0.1\nfunds = [\"x\"]\nuntil = 2027\npayer = \"zv\"\n" +
		"[[variant]]\nname = \"no wallet\"\ndisable = [\"pot\"]\n"))
	f.Add([]byte("[region]\nfirst_year = 2026\nhorizon = 4\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1e6\n[[party]]\nid = \"w\"\nkind = \"social_work\"\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"w\"\ncost = 100\nsavings = { zv = 60 }\n" +
		"[[instrument]]\ntype = \"wallet\"\nid = \"pot\"\nrate = 0.0001\ncontributors = [\"zv\"]\nfunds = []\n" +
		"[[instrument]]\ntype = \"revolving_fund\"\nid = \"rf\"\ncapital = { zv = 150 }\nfrom_wallet = \"pot\"\nfrom_wallet_amount = 40\ncapital_until = 2027\nfunds = [\"x\"]\nrepayment_share = 0.8\ninterest = 0.02\nterm = 2\n" +
		"[[variant]]\nname = \"no wallet\"\ndisable = [\"pot\"]\n"))
	f.Add([]byte("[region]\nfirst_year = 2026\nhorizon = 3\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1e6\n[[party]]\nid = \"gem\"\nkind = \"municipality\"\nturnover = 1e6\n[[party]]\nid = \"w\"\nkind = \"social_work\"\n" +
		"[[flow]]\nid = \"f\"\nfrom = \"zv\"\nto = \"w\"\nstream = \"zvw\"\namount = 1000\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"w\"\ncost = 100\nsavings = { zv = 240, gem = 60 }\n" +
		"[[instrument]]\ntype = \"pooled_purchase\"\nid = \"pool\"\npayers = [\"zv\", \"gem\"]\nflows = { f = 0.05 }\nrates = { gem = 0.00002 }\namounts = { gem = 10 }\nfunds = [\"x\"]\nsavings_key = { zv = 0.5, gem = 0.5 }\nunspent = \"return\"\n" +
		"[[variant]]\nname = \"no pool\"\ndisable = [\"pool\"]\n" +
		"[uncertainty]\ndraws = 5\n[uncertainty.params]\n\"instrument.pool.flows.f\" = { dist = \"uniform\", min = 0, max = 0.1 }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse("fuzz.toml", data)
		if err != nil {
			return // rejected with its problems: the loader's own fuzz test checks those
		}
		r, err := sim.Run(s, sim.Options{})
		if err != nil {
			t.Fatalf("an accepted scenario does not run: %v", err)
		}
		for _, l := range []report.Lang{report.English, report.Dutch} {
			for _, tab := range l.RunTables(r) {
				var text, csv bytes.Buffer
				if err := l.WriteText(&text, tab); err != nil {
					t.Fatalf("table %s: %v", tab.Name, err)
				}
				if err := report.WriteCSV(&csv, tab); err != nil {
					t.Fatalf("table %s as CSV: %v", tab.Name, err)
				}
				if bad := nanOrInf.Find(csv.Bytes()); bad != nil {
					t.Fatalf("table %s holds %q", tab.Name, bad)
				}
			}
		}
		for i := range s.Variants {
			v, err := s.WithVariant(&s.Variants[i])
			if err != nil {
				t.Fatalf("variant %q was checked on loading but does not apply: %v", s.Variants[i].Name, err)
			}
			if _, err := sim.Run(v, sim.Options{}); err != nil {
				t.Fatalf("variant %q does not run: %v", s.Variants[i].Name, err)
			}
		}
		if len(s.Uncertainty.All()) == 0 {
			return
		}
		setup, err := stress.FromScenario(s)
		if err != nil {
			t.Fatalf("checked uncertainty does not set up: %v", err)
		}
		m, err := sim.Compile(s, setup.Paths()...)
		if err != nil {
			t.Fatalf("checked params do not compile: %v", err)
		}
		if _, err := stress.Run(context.Background(), m, setup, stress.Options{Draws: min(setup.Draws, 20), Seed: setup.Seed, Workers: 1}); err != nil {
			t.Fatalf("the stress test fails: %v", err)
		}
	})
}

// nanOrInf finds a value that is not a number in CSV.
var nanOrInf = regexp.MustCompile(`(?i)(^|,)[+-]?(nan|inf)(,|$)`)

// testScenarios are the scenario files of testdata and the scenarios the
// tests of the whole project write out (raw strings that start with a
// [region] table), as seeds.
func testScenarios(f *testing.F) [][]byte {
	f.Helper()
	var out [][]byte
	literal := regexp.MustCompile("(?s)`(\\s*(?:#[^\\n]*\\n\\s*)*\\[region\\].*?)`")
	root := filepath.Join("..")
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		switch {
		case d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules"):
			return filepath.SkipDir
		case strings.HasSuffix(path, ".toml") && strings.Contains(path, "testdata"):
			if b, err := os.ReadFile(path); err == nil {
				out = append(out, b)
			}
		case strings.HasSuffix(path, "_test.go"):
			b, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			for _, m := range literal.FindAllSubmatch(b, -1) {
				// Templates with %s are filled with nothing.
				out = append(out, bytes.ReplaceAll(m[1], []byte("%s"), nil))
			}
		}
		return nil
	})
	if len(out) < 10 {
		f.Fatalf("only %d test scenarios found as seeds", len(out))
	}
	return out
}
