package instruments_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
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

// problemCase is a case of testdata/instruments/problems.toml (its
// comment says how a case reads).
type problemCase struct {
	Name    string
	TOML    string `toml:"toml"`
	Key     string
	Line    int // line within the appended text, 1 = its first line
	Msg     string
	Hint    string
	Warning bool
}

func TestInstrumentProblems(t *testing.T) {
	var file struct{ Case []problemCase }
	md, err := toml.DecodeFile(filepath.Join("..", "testdata", "instruments", "problems.toml"), &file)
	if err != nil {
		t.Fatal(err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		t.Fatalf("unknown keys in the cases: %v", keys)
	}
	if len(file.Case) != 25 {
		t.Fatalf("%d cases, want all 25", len(file.Case))
	}
	cases := file.Case
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			s, err := scenarios.Parse("s.toml", []byte(base+c.TOML))
			var probs scenarios.Problems
			if c.Warning {
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
				if p.Key != c.Key {
					continue
				}
				if p.Line != baseLines+c.Line || !strings.Contains(p.Msg, c.Msg) || !strings.Contains(p.Hint, c.Hint) || p.Warning != c.Warning {
					t.Errorf("got %s (line %d), want line %d, message with %q, hint with %q", p, p.Line, baseLines+c.Line, c.Msg, c.Hint)
				}
				return
			}
			t.Errorf("no problem at %s; got:\n%v", c.Key, probs.Error())
		})
	}
}

// TestRateWarningsInWords: an implausible rate's warning says the money it
// takes as money, in the first year the instrument collects (its from,
// when that is after the first year), from the party by name; a buyer of
// kind other is "a party of kind other". By hand: Zorgverzekeraar A's
// 700 000 000 grows 2 % to 714 000 000 in 2027, 3 % of it is 21 420 000;
// the cap of 10 000 000 is indexed to 10 200 000 in 2027; flow f's
// 100 000 is 104 040 in 2028, 20 % of it 20 808 (the scenario:
// testdata/scenarios/rate-warnings.toml).
func TestRateWarningsInWords(t *testing.T) {
	s, err := scenarios.Load(filepath.Join("..", "testdata", "scenarios", "rate-warnings.toml"))
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
