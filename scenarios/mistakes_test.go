package scenarios

import (
	"strings"
	"testing"
)

// TestCommonMistakes: the mistakes a new user makes first get a hint in
// words, not the parser's, and no follow-on problems.
func TestCommonMistakes(t *testing.T) {
	const party = "[[party]]\nid = \"zv\"\nkind = \"insurer\"\n"
	cases := []struct {
		name, toml, msg, hint string
		problems              int
	}{
		{"decimal comma", "[region]\nfirst_year = 2026\ndiscount_rate = 0,0225\n" + party, "a decimal comma", "write 0.0225", 1},
		{"[party] once", "[region]\nfirst_year = 2026\n[party]\nid = \"zv\"\nkind = \"insurer\"\n", "[party] is a single table", "write [[party]] (double brackets)", 1},
		{"[party] twice", "[region]\nfirst_year = 2026\n[party]\nid = \"a\"\n[party]\nid = \"b\"\n", "[party] is written more than once", "write [[party]]", 1},
		{"[[region]]", "[[region]]\nfirst_year = 2026\n" + party, "[[region]] is a list", "write [region] (single brackets)", 1},
		{"Dutch kind", "[region]\nfirst_year = 2026\n[[party]]\nid = \"g\"\nkind = \"gemeente\"\n", `unknown party kind "gemeente"`, `did you mean "municipality"?`, 1},
		{"Dutch kind with capitals", "[region]\nfirst_year = 2026\n[[party]]\nid = \"z\"\nkind = \"Zorgverzekeraar\"\n", `unknown party kind`, `did you mean "insurer"?`, 1},
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
			}
		})
	}
}
