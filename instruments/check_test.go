package instruments_test

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// base is a valid scenario; line numbers below count from its first line.
const base = `[region]
first_year = 2026
horizon = 10
[[party]]
id = "zv"
kind = "insurer"
turnover = 1_000_000
[[party]]
id = "gem"
kind = "municipality"
turnover = 1_000_000
[[party]]
id = "wz"
kind = "social_work"
[[flow]]
id = "f"
from = "zv"
to = "wz"
stream = "zvw"
amount = 100_000
[[flow]]
id = "g"
from = "gem"
to = "wz"
stream = "wmo"
amount = 100_000
[[initiative]]
id = "x"
provider = "wz"
cost = 1_000
`

// baseLines is the number of lines of base: an instrument appended to it
// starts on line baseLines+1.
var baseLines = strings.Count(base, "\n")

func TestInstrumentProblems(t *testing.T) {
	cases := []struct {
		name    string
		toml    string
		key     string
		line    int // line within the appended text, 1 = its first line
		msg     string
		hint    string
		warning bool
	}{
		{"unknown flow", "[[instrument]]\ntype = \"surcharge\"\nid = \"s\"\nflow = \"ff\"\nrate = 0.01\nfunds = [\"x\"]\n",
			"instrument.s.flow", 4, `unknown flow "ff"`, `did you mean "f"?`, false},
		{"unknown initiative", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.01\ncontributors = [\"zv\"]\nfunds = [\"xx\"]\n",
			"instrument.w.funds[0]", 6, `unknown initiative "xx"`, `did you mean "x"?`, false},
		{"unknown contributor", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.01\ncontributors = [\"zvv\"]\nfunds = [\"x\"]\n",
			"instrument.w.contributors[0]", 5, `unknown party "zvv"`, `did you mean "zv"?`, false},
		{"wallet without contributors", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.01\nfunds = [\"x\"]\n",
			"instrument.w.contributors", 1, "missing", "", false},
		{"wallet rate above 1", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 1.5\ncontributors = [\"zv\"]\nfunds = [\"x\"]\n",
			"instrument.w.rate", 4, "outside 0..1", "", false},
		{"per-party rate of a non-contributor", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.01\nrates = { gem = 0.1 }\ncontributors = [\"zv\"]\nfunds = [\"x\"]\n",
			"instrument.w.rates.gem", 5, "unknown contributor", "", false},
		{"negative cap", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.01\ncap = { zv = -5 }\ncontributors = [\"zv\"]\nfunds = [\"x\"]\n",
			"instrument.w.cap.zv", 5, "is negative; amounts are euros", "", false},
		// Implausible rates are said, with the euros they take (by hand:
		// 5 % of zv's 1 000 000, 20 % of flow f's 100 000).
		{"wallet rate of 5 %", "[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.05\ncontributors = [\"zv\"]\nfunds = [\"x\"]\n",
			"instrument.w.rate", 4, "takes €50,000 in 2026 from \"zv\"", "", true},
		{"surcharge of 20 %", "[[instrument]]\ntype = \"surcharge\"\nid = \"s\"\nflow = \"f\"\nrate = 0.2\nfunds = [\"x\"]\n",
			"instrument.s.rate", 5, "takes €20,000 in 2026 from \"zv\", the flow's payer", "", true},
		{"surcharge rate negative", "[[instrument]]\ntype = \"surcharge\"\nid = \"s\"\nflow = \"f\"\nrate = -0.01\nfunds = [\"x\"]\n",
			"instrument.s.rate", 5, "outside 0..1", "", false},
		{"surcharge unspent typo", "[[instrument]]\ntype = \"surcharge\"\nid = \"s\"\nflow = \"f\"\nrate = 0.01\nfunds = [\"x\"]\nunspent = \"cary\"\n",
			"instrument.s.unspent", 7, `unknown rule for unspent money "cary"`, `did you mean "carry"?`, false},
		{"surcharge on a municipal flow warns", "[[instrument]]\ntype = \"surcharge\"\nid = \"s\"\nflow = \"g\"\nrate = 0.01\nfunds = [\"x\"]\n",
			"instrument.s.flow", 4, `payer "gem" is a municipality`, "", true},
		{"phase-out years below 1", "[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"f\"\nstart = 2027\nyears = 0\n",
			"instrument.p.years", 6, "outside 1..100", "", false},
		{"phase-out convert_to nowhere", "[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"f\"\nstart = 2027\nyears = 5\nconvert_to = \"portemonee\"\n",
			"instrument.p.convert_to", 7, "no wallet, initiative or party", "", false},
		{"phase-out convert_to a surcharge", "[[instrument]]\ntype = \"surcharge\"\nid = \"s\"\nflow = \"f\"\nrate = 0.01\nfunds = [\"x\"]\n[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"g\"\nstart = 2027\nyears = 5\nconvert_to = \"s\"\n",
			"instrument.p.convert_to", 13, `"s" is a surcharge; converted money`, "", false},
		{"phase-out profile typo", "[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"f\"\nstart = 2027\nyears = 5\nprofile = \"anuity\"\n",
			"instrument.p.profile", 7, `unknown profile "anuity"`, `did you mean "annuity"?`, false},
		{"phase-out start outside the horizon", "[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"f\"\nstart = 2040\nyears = 5\n",
			"instrument.p.start", 5, "outside the horizon 2026–2035", "", false},
		{"overlapping phase-outs", "[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"f\"\nstart = 2027\nyears = 5\n[[instrument]]\ntype = \"phase_out\"\nid = \"q\"\nflow = \"f\"\nstart = 2030\nyears = 3\n",
			"instrument.q.flow", 10, `already phased out by "p" in 2027–2031`, "", false},
		{"transformation funds without until", "[[instrument]]\ntype = \"transformation_funds\"\nid = \"t\"\nfunds = { x = 10 }\n",
			"instrument.t.until", 1, "missing", "", false},
		{"transformation funds for an unknown initiative", "[[instrument]]\ntype = \"transformation_funds\"\nid = \"t\"\nuntil = 2027\nfunds = { y = 10 }\n",
			"instrument.t.funds.y", 5, `unknown initiative "y"`, "", false},
		{"cross-purchase threshold 0", "[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zv\"\ninitiative = \"x\"\nthreshold = 0\n",
			"instrument.k.threshold", 6, "0 is outside the range: above 0, at most 100 (", "", false},
		{"cross-purchase window 0", "[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zv\"\ninitiative = \"x\"\nwindow = 0\n",
			"instrument.k.window", 6, "outside 1..100", "", false},
		{"cross-purchase buyer unknown", "[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zvv\"\ninitiative = \"x\"\n",
			"instrument.k.buyer", 4, `unknown party "zvv"`, `did you mean "zv"?`, false},
		{"cross-purchase initiative unknown", "[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zv\"\ninitiative = \"xx\"\n",
			"instrument.k.initiative", 5, `unknown initiative "xx"`, `did you mean "x"?`, false},
		{"cross-purchase by a municipality warns", "[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"gem\"\ninitiative = \"x\"\n",
			"instrument.k.buyer", 4, `"gem" is a municipality`, "", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := scenarios.Parse("s.toml", []byte(base+c.toml))
			var probs scenarios.Problems
			if c.warning {
				if err != nil {
					t.Fatalf("a warning must not stop the file: %v", err)
				}
				probs = s.Warnings
			} else {
				var ok bool
				if probs, ok = err.(scenarios.Problems); !ok {
					t.Fatalf("want problems, got %v", err)
				}
			}
			for _, p := range probs {
				if p.Key != c.key {
					continue
				}
				if p.Line != baseLines+c.line || !strings.Contains(p.Msg, c.msg) || !strings.Contains(p.Hint, c.hint) || p.Warning != c.warning {
					t.Errorf("got %s (line %d), want line %d, message with %q, hint with %q", p, p.Line, baseLines+c.line, c.msg, c.hint)
				}
				return
			}
			t.Errorf("no problem at %s; got:\n%v", c.key, probs.Error())
		})
	}
}

// TestRateWarningsInWords: an implausible rate's warning says the money it
// takes as money, in the first year the instrument collects (its from,
// when that is after the first year), from the party by name; a buyer of
// kind other is "a party of kind other". By hand: Zorgverzekeraar A's
// 700 000 000 grows 2 % to 714 000 000 in 2027, 3 % of it is 21 420 000;
// the cap of 10 000 000 is indexed to 10 200 000 in 2027; flow f's
// 100 000 is 104 040 in 2028, 20 % of it 20 808.
func TestRateWarningsInWords(t *testing.T) {
	const src = `[region]
first_year = 2026
indexation = 0.02
[[party]]
id = "zv"
name = "Zorgverzekeraar A"
kind = "insurer"
turnover = 700_000_000
[[party]]
id = "gem"
name = "Gemeente Noord"
kind = "municipality"
turnover = 700_000_000
[[party]]
id = "a"
kind = "other"
[[party]]
id = "wz"
kind = "social_work"
[[flow]]
id = "f"
from = "gem"
to = "wz"
stream = "wmo"
amount = 100_000
[[initiative]]
id = "x"
provider = "wz"
cost = 1_000
[[instrument]]
type = "wallet"
id = "w"
rate = 0.03
from = 2027
contributors = ["zv", "gem"]
cap = { gem = 10_000_000 }
funds = ["x"]
[[instrument]]
type = "surcharge"
id = "s"
flow = "f"
rate = 0.2
from = 2028
funds = ["x"]
[[instrument]]
type = "cross_purchase"
id = "k"
buyer = "a"
initiative = "x"
`
	s, err := scenarios.Parse("w.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ key, en, nl string }{
		{"instrument.w.rate", "it takes €21,420,000 in 2027 from Zorgverzekeraar A;", "het neemt in 2027 € 21.420.000 van Zorgverzekeraar A;"},
		{"instrument.w.rate", "it takes €10,200,000 in 2027 from Gemeente Noord;", "het neemt in 2027 € 10.200.000 van Gemeente Noord;"},
		{"instrument.s.rate", "it takes €20,808 in 2028 from Gemeente Noord, the flow's payer;", "het neemt in 2028 € 20.808 van Gemeente Noord, de betaler van de geldstroom;"},
		{"instrument.s.flow", "the flow's payer Gemeente Noord is a municipality;", "de betaler van de geldstroom, Gemeente Noord, is een gemeente;"},
		{"instrument.k.buyer", `"a" is a party of kind other;`, `"a" is een partij van de soort overig;`},
	}
	for _, w := range want {
		found := false
		for _, p := range s.Warnings {
			if p.Key == w.key && strings.Contains(p.Msg, w.en) {
				found = true
				if nl := p.Dutch().Msg; !strings.Contains(nl, w.nl) {
					t.Errorf("Dutch of %q is %q, want …%s…", p.Msg, nl, w.nl)
				}
			}
		}
		if !found {
			t.Errorf("no warning on %s with %q; warnings: %v", w.key, w.en, s.Warnings)
		}
	}
	for _, p := range s.Warnings {
		if strings.Contains(p.Msg, " a other") || strings.Contains(p.Msg, "euros in the first year") {
			t.Errorf("warning %q", p.Msg)
		}
	}
}
