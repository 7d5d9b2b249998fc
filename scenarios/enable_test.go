package scenarios

import (
	"strings"
	"testing"
)

// TestOffAndEnable: an instrument with off = true is off in the base and
// on in a variant that enables it; enabling an unknown instrument, or one
// that is on already, is a problem of the variant at its line.
func TestOffAndEnable(t *testing.T) {
	base := "[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1000\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"zv\"\ncost = 10\n" +
		"[[instrument]]\ntype = \"wallet\"\nid = \"w\"\nrate = 0.001\ncontributors = [\"zv\"]\nfunds = [\"x\"]\noff = true\n" +
		"[[instrument]]\ntype = \"wallet\"\nid = \"v\"\nrate = 0.001\ncontributors = [\"zv\"]\nfunds = [\"x\"]\n"
	s, err := Parse("e.toml", []byte(base+"[[variant]]\nname = \"with w\"\nenable = [\"w\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Disabled("w") || s.Disabled("v") {
		t.Errorf("in the base: w off %v (want true), v off %v (want false)", s.Disabled("w"), s.Disabled("v"))
	}
	v, err := s.WithVariant(&s.Variants[0])
	if err != nil {
		t.Fatal(err)
	}
	if v.Disabled("w") || !s.Clone().Disabled("w") {
		t.Errorf("the variant does not switch w on, or the base changed")
	}
	if c := v.Copy(); c.Disabled("w") {
		t.Errorf("a copy of the variant lost the switch")
	}
	for _, c := range []struct{ variant, want string }{
		{"[[variant]]\nname = \"a\"\nenable = [\"ww\"]\n", `enable[0]: no instrument "ww"; did you mean "w"?`},
		{"[[variant]]\nname = \"b\"\nenable = [\"v\"]\n", `"v" is on already`},
	} {
		_, err := Parse("e.toml", []byte(base+c.variant))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.variant, err, c.want)
		}
	}
}
