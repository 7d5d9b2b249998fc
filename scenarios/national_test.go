package scenarios

import (
	"strings"
	"testing"
)

// TestNationalUncertaintyChecked: a national uncertain value is checked as
// a param is (its path, its distribution), and may not be both.
func TestNationalUncertaintyChecked(t *testing.T) {
	base := "[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1000\n[uncertainty]\n"
	for _, c := range []struct{ text, want string }{
		{"[uncertainty.national]\n\"party.zv.turnovr\" = { dist = \"uniform\", min = 1, max = 2 }\n", `uncertainty.national.party.zv.turnovr`},
		{"[uncertainty.national]\n\"party.zv.turnover\" = { dist = \"uniform\", min = 2, max = 1 }\n", "min < max"},
		{"[uncertainty.national]\n\"party.zv.turnover\" = { dist = \"uniform\", min = 1, max = 2 }\n[uncertainty.params]\n\"party.zv.turnover\" = { dist = \"uniform\", min = 1, max = 2 }\n", "both a param and a national param"},
	} {
		_, err := Parse("u.toml", []byte(base+c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.text, err, c.want)
		}
	}
	s, err := Parse("u.toml", []byte(base+"[uncertainty.national]\n\"party.zv.turnover\" = { dist = \"uniform\", min = 1, max = 2 }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Uncertainty.IsNational("party.zv.turnover") || len(s.Uncertainty.All()) != 1 {
		t.Errorf("the national value is not read as one")
	}
}
