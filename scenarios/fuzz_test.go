package scenarios

import (
	"errors"
	"testing"
)

// fuzzSnippets are broken or odd scenario texts for the fuzzer to start
// from, besides the built-in examples.
var fuzzSnippets = []string{
	"",
	"[region]\nfirst_year = 2026\n",
	"[region]\nhorizon = = 5\n",            // syntax error
	"[region\n",                            // syntax error in a header
	"region = 5\nparty = { id = \"x\" }\n", // wrong shapes
	"[region]\nfirst_year = 2026\n[[party]]\nid = \"a.b\"\nkind = \"insurrer\"\nturnover = -1\n",
	"[region]\nfirst_year = 2026\nhorizon = 51\ndiscount_rate = nan\n",
	"[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n[[initiative]]\nid = \"i\"\nprovider = \"zv\"\nstart = 2040\nsavings = { zw = 1 }\n",
	"[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n[[variant]]\nname = \"v\"\ndisable = [\"x\"]\nset = { \"region.horizon\" = 0, \"party.zv.kind\" = 1 }\n",
	"[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n[uncertainty]\ndraws = -1\n[uncertainty.params]\n\"party.zv.growth\" = { dist = \"normal\", sd = -1 }\n\"region.name\" = { dist = \"uniform\" }\n",
	"[region]\nname = \"\"\"\n[[party]]\n\"\"\"\nfirst_year = 2026\n",
	// Once panicked: syntax errors the decoder places at line 0.
	"\"\\", "a = \"\\", "\"\r\n\"",
}

// FuzzParse: Parse may reject any text, but it never panics, and what it
// accepts is a scenario that checks clean and can be cloned.
func FuzzParse(f *testing.F) {
	for _, name := range Examples() {
		src, err := ExampleSource(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range fuzzSnippets {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps.Errors()) == 0 {
				t.Fatalf("Parse error %T %q holds no problem", err, err)
			}
			return
		}
		if errs := s.Check().Errors(); len(errs) > 0 {
			t.Fatalf("Parse accepted the text, but Check finds: %v", errs)
		}
		c := s.Clone()
		if errs := c.Check().Errors(); len(errs) > 0 {
			t.Fatalf("the clone does not check: %v", errs)
		}
		for _, p := range s.Paths() {
			if _, err := c.Get(p); err != nil {
				t.Fatalf("clone lacks path %s: %v", p, err)
			}
		}
	})
}
