package sim_test

import (
	"context"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
)

// FuzzRun goes the whole way: every text the loader accepts must run —
// its tables with the ledger (the run checks that money is conserved),
// every variant, and a few draws of its stress test — without an error
// or a panic. Seeded with the built-in examples.
func FuzzRun(f *testing.F) {
	for _, name := range scenarios.Examples() {
		src, err := scenarios.ExampleSource(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
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
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenarios.Parse("fuzz.toml", data)
		if err != nil {
			return // rejected with its problems: the loader's own fuzz test checks those
		}
		if _, err := sim.Run(s, sim.Options{}); err != nil {
			t.Fatalf("an accepted scenario does not run: %v", err)
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
		if s.Uncertainty == nil || len(s.Uncertainty.Params) == 0 {
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
