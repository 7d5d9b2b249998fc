package instruments_test

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// fundTOML is a valid revolving fund lending to base's initiative x, with
// its lines replaced or added by the cases below.
const fundTOML = "[[instrument]]\ntype = \"revolving_fund\"\nid = \"rf\"\ncapital = { gem = 1_000_000 }\nfunds = [\"x\"]\n"

// Each bad input of a revolving fund is one problem, at its key and line,
// with what to write instead; in Dutch too.
func TestRevolvingFundProblems(t *testing.T) {
	if _, err := scenarios.Parse("ok.toml", []byte(base+fundTOML)); err != nil {
		t.Fatalf("the valid fund: %v", err)
	}
	cases := []struct {
		name, toml, key string
		line            int // within the appended text
		msg, hint       string
	}{
		{"unknown initiative", strings.Replace(fundTOML, `["x"]`, `["xx"]`, 1),
			"instrument.rf.funds[0]", 5, `unknown initiative "xx"`, `did you mean "x"?`},
		{"unknown capital party", strings.Replace(fundTOML, "gem =", "gemm =", 1),
			"instrument.rf.capital.gemm", 4, `unknown party "gemm"`, `did you mean "gem"?`},
		{"repayment share above 1", fundTOML + "repayment_share = 1.2\n",
			"instrument.rf.repayment_share", 6, "1.2 is outside 0..1 (the share of their realised savings", ""},
		{"repayment share below 0", fundTOML + "repayment_share = -0.1\n",
			"instrument.rf.repayment_share", 6, "-0.1 is outside 0..1", ""},
		{"term 0", fundTOML + "term = 0\n",
			"instrument.rf.term", 6, "0 years is outside 1..50", ""},
		{"term beyond 50", fundTOML + "term = 60\n",
			"instrument.rf.term", 6, "60 years is outside 1..50", ""},
		{"interest out of range", fundTOML + "interest = 3\n",
			"instrument.rf.interest", 6, "3 is outside 0..0.25 (a yearly rate on the outstanding loans: 2 % is 0.02)", ""},
		{"no capital", strings.Replace(fundTOML, "capital = { gem = 1_000_000 }\n", "", 1),
			"instrument.rf.capital", 1, "missing: a revolving fund needs capital, e.g. capital = { zv = 1_000_000 }", ""},
		{"no initiatives", strings.Replace(fundTOML, "funds = [\"x\"]\n", "", 1),
			"instrument.rf.funds", 1, "missing: the initiatives the fund lends to", ""},
		{"wallet amount without a wallet", fundTOML + "from_wallet_amount = 5\n",
			"instrument.rf.from_wallet", 1, "missing: the wallet that from_wallet_amount comes from", ""},
		{"from a party, not a wallet", fundTOML + "from_wallet = \"zv\"\nfrom_wallet_amount = 5\n",
			"instrument.rf.from_wallet", 6, `"zv" is not a wallet; a revolving fund takes capital from a wallet's pot`, ""},
		{"capital until before from", fundTOML + "capital_from = 2028\ncapital_until = 2027\n",
			"instrument.rf.capital_until", 7, "2027 is before capital_from = 2028", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := scenarios.Parse("s.toml", []byte(base+c.toml))
			probs, ok := err.(scenarios.Problems)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			if errs := probs.Errors(); len(errs) != 1 {
				t.Fatalf("want one problem, got %d:\n%v", len(errs), probs.Error())
			}
			p := probs.Errors()[0]
			if p.Key != c.key || p.Line != baseLines+c.line || !strings.Contains(p.Msg, c.msg) || !strings.Contains(p.Hint, c.hint) {
				t.Errorf("got %s (line %d), want %s at line %d, message with %q, hint with %q", p, p.Line, c.key, baseLines+c.line, c.msg, c.hint)
			}
			if nl := p.Dutch(); nl.Msg == p.Msg && !strings.HasPrefix(p.Msg, "unknown") {
				t.Errorf("no Dutch for %q", p.Msg)
			}
		})
	}
}
