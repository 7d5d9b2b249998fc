package scenarios

import (
	"strings"
	"testing"
)

// TestCommonMistakes: the mistakes a new user makes first get a hint in
// words, not the parser's, and no follow-on problems.
func TestCommonMistakes(t *testing.T) {
	const party = "[[party]]\nid = \"zv\"\nkind = \"insurer\"\n"
	// refs is an initiative, funds and a purchase that refer to x and zv.
	const w = "\n[[party]]\nid = \"w\"\nkind = \"social_work\"\n"
	const refs = "[[flow]]\nid = \"f\"\nfrom = \"zv\"\nto = \"w\"\nstream = \"zvw\"\namount = 1000\n" +
		"[initiative]\nid = \"x\"\nprovider = \"w\"\ncost = 100\nsavings = { zv = 200 }\n" +
		"[[instrument]]\ntype = \"transformation_funds\"\nid = \"tf\"\nuntil = 2027\nfunds = { x = 100 }\n" +
		"[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zv\"\ninitiative = \"x\"\n" +
		"[[instrument]]\ntype = \"phase_out\"\nid = \"p\"\nflow = \"f\"\nstart = 2027\nyears = 3\nconvert_to = \"x\"\n"
	cases := []struct {
		name, toml, msg, hint string
		problems              int
		line                  int // where the problem points; 0: not checked
	}{
		{"decimal comma", "[region]\nfirst_year = 2026\ndiscount_rate = 0,0225\n" + party, "a decimal comma", "write 0.0225", 1, 0},
		{"[party] once", "[region]\nfirst_year = 2026\n[party]\nid = \"zv\"\nkind = \"insurer\"\n", "[party] is a single table", "write [[party]] (double brackets)", 1, 0},
		{"[party] twice", "[region]\nfirst_year = 2026\n[party]\nid = \"a\"\n[party]\nid = \"b\"\n", "[party] is written more than once", "write [[party]]", 1, 0},
		{"[[region]]", "[[region]]\nfirst_year = 2026\n" + party, "[[region]] is a list", "write [region] (single brackets)", 1, 0},
		{"Dutch kind", "[region]\nfirst_year = 2026\n[[party]]\nid = \"g\"\nkind = \"gemeente\"\n", `unknown party kind "gemeente"`, `did you mean "municipality"?`, 1, 0},
		// The parser's "Key 'party' was already created and cannot be used
		// as an array" on line 6 is the [party] of line 3.
		{"[party] then [[party]]", "[region]\nfirst_year = 2026\n[party]\nid = \"a\"\nkind = \"insurer\"\n[[party]]\nid = \"b\"\nkind = \"insurer\"\n", "[party] is a single table", "write [[party]] (double brackets) before each party", 1, 3},
		{"[initiative] then [[initiative]]", "[region]\nfirst_year = 2026\n" + party + "[initiative]\nid = \"x\"\nprovider = \"zv\"\n[[initiative]]\nid = \"y\"\nprovider = \"zv\"\n", "[initiative] is a single table", "write [[initiative]] (double brackets) before each initiative", 1, 6},
		// Written once after [[party]] blocks: a single table, not "more than once".
		{"[[party]] then [party]", "[region]\nfirst_year = 2026\n[[party]]\nid = \"a\"\nkind = \"insurer\"\n[party]\nid = \"b\"\nkind = \"insurer\"\n", "[party] is a single table", "write [[party]] (double brackets) before each party", 1, 6},
		// A lone [initiative] (or [party]): the references to what it holds
		// (funds, a purchase, a conversion; a flow, savings) are not errors of their own.
		{"[initiative] with references", "[region]\nfirst_year = 2026\n" + party + w + refs, "[initiative] is a single table", "write [[initiative]] (double brackets)", 1, 0},
		{"[party] with references", "[region]\nfirst_year = 2026\n[party]\nid = \"zv\"\nkind = \"insurer\"\n" + strings.ReplaceAll(refs, "[initiative]", "[[initiative]]"), "[party] is a single table", "write [[party]] (double brackets)", 1, 0},
		{"Dutch kind rijksoverheid", "[region]\nfirst_year = 2026\n[[party]]\nid = \"r\"\nkind = \"rijksoverheid\"\n", `unknown party kind "rijksoverheid"`, `did you mean "national"?`, 1, 0},
		{"Dutch kind ggd-regio", "[region]\nfirst_year = 2026\n[[party]]\nid = \"g\"\nkind = \"ggd-regio\"\n", `unknown party kind "ggd-regio"`, `did you mean "ggd"?`, 1, 0},
		{"Dutch kind with capitals", "[region]\nfirst_year = 2026\n[[party]]\nid = \"z\"\nkind = \"Zorgverzekeraar\"\n", `unknown party kind`, `did you mean "insurer"?`, 1, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("m.toml", []byte(c.toml))
			probs, ok := err.(Problems)
			if !ok {
				t.Fatalf("got %v, want problems", err)
			}
			errs := probs.Errors()
			if len(errs) != c.problems || !strings.Contains(errs[0].Msg, c.msg) || !strings.Contains(errs[0].Hint, c.hint) {
				t.Errorf("got %v, want %d problem: …%s…; …%s…", errs, c.problems, c.msg, c.hint)
			} else if c.line > 0 && errs[0].Line != c.line {
				t.Errorf("the problem points at line %d, want %d: %v", errs[0].Line, c.line, errs[0])
			}
			for _, p := range errs {
				if nl, ok := Dutch(p.Msg); !ok || nl == p.Msg {
					t.Errorf("no Dutch for %q", p.Msg)
				}
				if nl, ok := Dutch(p.Hint); p.Hint != "" && (!ok || nl == p.Hint) {
					t.Errorf("no Dutch for hint %q", p.Hint)
				}
			}
		})
	}
}

// TestAlreadyRunning: an initiative started before the first year, funds
// that run past the horizon and a decision year before it are accepted,
// each with one note (a warning), not refused.
func TestAlreadyRunning(t *testing.T) {
	src := `[region]
first_year = 2026
horizon = 5
[[party]]
id = "zv"
kind = "insurer"
[[party]]
id = "w"
kind = "social_work"
[[initiative]]
id = "x"
provider = "w"
cost = 100
start = 2024
ramp_years = 4
savings = { zv = 200 }
[[instrument]]
type = "transformation_funds"
id = "tf"
until = 2040
funds = { x = 100 }
[[instrument]]
type = "cross_purchase"
id = "k"
buyer = "zv"
initiative = "x"
decision_year = 2024
`
	s, err := Parse("r.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"initiative.x.start":         "2024 is before the horizon 2026–2030: the run starts in 2026 (an initiative",
		"instrument.tf.until":        "2040 lies after the horizon 2026–2030",
		"instrument.k.decision_year": "2024 is before the horizon",
	}
	for _, w := range s.Warnings {
		if m, ok := want[w.Key]; ok && strings.Contains(w.Msg, m) {
			delete(want, w.Key)
		}
	}
	for k, m := range want {
		t.Errorf("no note on %s: %q (warnings: %v)", k, m, s.Warnings)
	}
}

// TestThousandsComma: 200,000 may be two hundred thousand or a decimal;
// the hint gives both, and never only the tiny reading.
func TestThousandsComma(t *testing.T) {
	_, err := Parse("m.toml", []byte("[region]\nfirst_year = 2026\npopulation = 200,000\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n"))
	probs, _ := err.(Problems)
	if len(probs) != 1 || !strings.Contains(probs[0].Hint, "200_000 for thousands") || !strings.Contains(probs[0].Hint, "200.000 for a decimal") {
		t.Errorf("got %v", probs)
	}
	_, err = Parse("m.toml", []byte("[region]\nfirst_year = 2026\npopulation = 70,000,000\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n"))
	if probs, _ := err.(Problems); len(probs) != 1 || !strings.Contains(probs[0].Hint, "70_000_000 for thousands") {
		t.Errorf("got %v", probs)
	}
}
