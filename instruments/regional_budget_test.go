package instruments_test

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// budgetBase is base with a wallet and a surcharge a regional budget may
// name.
const budgetBase = base + `[[instrument]]
type = "wallet"
id = "w"
rate = 0.001
contributors = ["zv"]
funds = ["x"]
[[instrument]]
type = "surcharge"
id = "s"
flow = "f"
rate = 0.01
funds = ["x"]
`

// Each wrong regional budget gives one clear problem, on the key to
// change.
func TestRegionalBudgetProblems(t *testing.T) {
	head := "[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 100_000\n"
	cases := []struct {
		name, toml, key string
		msg             []string
	}{
		{"both to and funds", "to = \"w\"\nfunds = [\"x\"]\n", "instrument.rb.funds",
			[]string{`pays into a wallet (to = "w") or funds initiatives itself (funds = [...]), not both`}},
		{"neither to nor funds", "", "instrument.rb.to",
			[]string{"missing: where the regional budget goes", `to = "portemonnee"`, `funds = ["my-initiative"]`}},
		{"to an initiative", "to = \"x\"\n", "instrument.rb.to",
			[]string{`"x" is an initiative, not a wallet: to fund it directly, write funds = ["x"] instead of to`}},
		{"to a surcharge", "to = \"s\"\n", "instrument.rb.to",
			[]string{`"s" is a surcharge, not a wallet`}},
		{"to a party", "to = \"zv\"\n", "instrument.rb.to",
			[]string{`"zv" is a party, not a wallet`}},
		{"to itself", "to = \"rb\"\n", "instrument.rb.to",
			[]string{`"rb" is a regional budget, not a wallet`}},
		{"to nowhere", "to = \"ww\"\n", "instrument.rb.to",
			[]string{`"ww" is no wallet`}},
		{"funds an unknown initiative", "funds = [\"xx\"]\n", "instrument.rb.funds[0]",
			[]string{`unknown initiative "xx"`}},
		{"unknown payer", "to = \"w\"\npayer = \"rijk\"\n", "instrument.rb.payer",
			[]string{`unknown party "rijk"`}},
		{"share above 1", "to = \"w\"\nwlz = 2\n", "instrument.rb.wlz",
			[]string{"outside 0..1"}},
		{"negative amount", "to = \"w\"\namount = -1\n", "instrument.rb.amount",
			[]string{"is negative"}},
		{"until before from", "to = \"w\"\nfrom = 2030\nuntil = 2028\n", "instrument.rb.until",
			[]string{"2028 is before from = 2030"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := head + c.toml
			if strings.Contains(c.toml, "amount =") {
				src = strings.Replace(src, "amount = 100_000\n", "", 1)
			}
			_, err := scenarios.Parse("s.toml", []byte(budgetBase+src))
			probs, ok := err.(scenarios.Problems)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			var mine scenarios.Problems
			for _, p := range probs {
				if strings.HasPrefix(p.Key, "instrument.rb") && !p.Warning {
					mine = append(mine, p)
				}
			}
			if len(mine) != 1 {
				t.Fatalf("want one problem, got:\n%v", mine.Error())
			}
			p := mine[0]
			if p.Key != c.key {
				t.Errorf("problem at %s, want %s: %s", p.Key, c.key, p)
			}
			for _, m := range c.msg {
				if !strings.Contains(p.Msg, m) {
					t.Errorf("message %q lacks %q", p.Msg, m)
				}
			}
		})
	}
}

func TestRegionalBudgetValid(t *testing.T) {
	for _, rb := range []string{
		"to = \"w\"\n",
		"funds = [\"x\"]\npayer = \"gem\"\ngrowth = 0\nfrom = 2027\nuntil = 2030\nzvw = 0.001\nwlz = 0.001\nwmo = 0.002\nstream = \"own\"\n",
	} {
		s, err := scenarios.Parse("s.toml", []byte(budgetBase+"[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\namount = 100_000\n"+rb))
		if err != nil {
			t.Fatalf("%s: %v", rb, err)
		}
		if len(s.Warnings) > 0 {
			t.Errorf("%s: warnings %v", rb, s.Warnings)
		}
		// The batch reads the shares by path.
		if v, err := s.GetFloat("instrument.rb.wmo"); err != nil || (strings.Contains(rb, "wmo") && v != 0.002) {
			t.Errorf("instrument.rb.wmo: %v, %v", v, err)
		}
	}
	// A budget that would pay nothing is allowed, with a warning.
	s, err := scenarios.Parse("s.toml", []byte(budgetBase+"[[instrument]]\ntype = \"regional_budget\"\nid = \"rb\"\nto = \"w\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || s.Warnings[0].Key != "instrument.rb.amount" || !strings.Contains(s.Warnings[0].Msg, "pays nothing") {
		t.Errorf("warnings %v, want one that it pays nothing", s.Warnings)
	}
}
