package scenarios

import (
	"strings"
	"testing"
)

const uncBase = `[region]
first_year = 2026
horizon = 5
[[party]]
id = "zv"
kind = "insurer"
turnover = 1_000_000
growth = 0.02
[[party]]
id = "wz"
kind = "social_work"
[[initiative]]
id = "x"
provider = "wz"
cost = 1_000
savings = { zv = 2_000 }
[[instrument]]
type = "wallet"
id = "pot"
rate = 0.001
contributors = ["zv"]
funds = ["x"]
`

// TestUncertaintyProblems: every bad [uncertainty] is an error naming the
// key, with a suggestion where one helps.
func TestUncertaintyProblems(t *testing.T) {
	cases := []struct {
		name, toml, key, msg, hint string
	}{
		{"sd 0", `"party.zv.growth" = { dist = "normal", mean = 0.02, sd = 0 }`, "uncertainty.params.party.zv.growth.sd", "needs sd > 0", ""},
		{"min above max", `"initiative.x.savings_scale" = { dist = "uniform", min = 1.2, max = 0.8 }`, "uncertainty.params.initiative.x.savings_scale", "min < max", ""},
		{"mode outside", `"initiative.x.savings_scale" = { dist = "triangular", min = 0.5, mode = 1.5, max = 1.2 }`, "uncertainty.params.initiative.x.savings_scale.mode", "min <= mode <= max", ""},
		{"weights", `"initiative.x.savings_scale" = { dist = "discrete", values = [0.5, 1], weights = [0.5, 0.4] }`, "uncertainty.params.initiative.x.savings_scale.weights", "add up to 0.9", ""},
		{"unknown dist", `"initiative.x.savings_scale" = { dist = "trianglar", min = 0, mode = 1, max = 2 }`, "uncertainty.params.initiative.x.savings_scale.dist", "unknown distribution", `did you mean "triangular"?`},
		{"a wide normal on a rate", `"instrument.pot.rate" = { dist = "normal", mean = 0.001, sd = 0.01 }`, "uncertainty.params.instrument.pot.rate", "leaves the valid range 0..1", "add min or max"},
		{"a savings scale below 0", `"initiative.x.savings_scale" = { dist = "uniform", min = -0.5, max = 1 }`, "uncertainty.params.initiative.x.savings_scale", "leaves the valid range 0..100", "add min or max"},
		{"unknown path", `"initiative.x.savings_scal" = { dist = "uniform", min = 0, max = 1 }`, "uncertainty.params.initiative.x.savings_scal", "unknown key", `did you mean "savings_scale"?`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := uncBase + "[uncertainty]\ndraws = 100\n[uncertainty.params]\n" + c.toml + "\n"
			_, err := Parse("u.toml", []byte(src))
			probs, ok := err.(Problems)
			if !ok {
				t.Fatalf("got %v, want problems", err)
			}
			for _, p := range probs.Errors() {
				if p.Key == c.key && strings.Contains(p.Msg, c.msg) && strings.Contains(p.Hint, c.hint) {
					if p.Line == 0 {
						t.Errorf("no line for %s", p)
					}
					return
				}
			}
			t.Errorf("got %v, want %s: …%s… (%s)", probs, c.key, c.msg, c.hint)
		})
	}
}

func TestDrawsAndCorrelationProblems(t *testing.T) {
	params := "[uncertainty.params]\n\"party.zv.growth\" = { dist = \"normal\", mean = 0.02, sd = 0.005 }\n\"initiative.x.savings_scale\" = { dist = \"uniform\", min = 0.5, max = 1.5 }\n"
	cases := []struct{ name, unc, key, msg string }{
		{"draws 0", "[uncertainty]\ndraws = 0\n" + params, "uncertainty.draws", "outside 1..10000000"},
		{"draws too many", "[uncertainty]\ndraws = 10_000_001\n" + params, "uncertainty.draws", "outside 1..10000000"},
		{"unknown param", "[uncertainty]\n" + params + "[uncertainty.correlation]\n\"party.zv.growth\" = { \"initiative.y.savings_scale\" = 0.5 }\n",
			"uncertainty.correlation.party.zv.growth.initiative.y.savings_scale", "is not a param"},
		{"above 1", "[uncertainty]\n" + params + "[uncertainty.correlation]\n\"party.zv.growth\" = { \"initiative.x.savings_scale\" = 1.5 }\n",
			"uncertainty.correlation.party.zv.growth.initiative.x.savings_scale", "outside -1..1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("u.toml", []byte(uncBase+c.unc))
			probs, _ := err.(Problems)
			for _, p := range probs.Errors() {
				if p.Key == c.key && strings.Contains(p.Msg, c.msg) {
					return
				}
			}
			t.Errorf("got %v, want %s: %s", err, c.key, c.msg)
		})
	}
}
