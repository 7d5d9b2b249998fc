package batch

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// TestRegionsSemicolons: a table as Excel writes it under a Dutch locale
// (a byte order mark, semicolons, decimal commas, dots between thousands,
// "Population" capitalised) reads as the same table with commas.
func TestRegionsSemicolons(t *testing.T) {
	s := parseTemplate(t, "")
	dutch := "\ufeffRegion;code;Population;instrument.pot.rate\r\nA;ZK01;100000;0,001\r\nB;ZK02;1.200.000,0;0,0005\r\n\"C; D\";ZK03;300000;\r\n"
	regions := readRegions(t, s, dutch)
	if len(regions) != 3 {
		t.Fatalf("%d regions, want 3", len(regions))
	}
	for _, r := range regions {
		if len(r.Problems) > 0 {
			t.Errorf("%s: %v", r.Label(), r.Problems)
		}
	}
	if r := regions[0]; r.Name != "A" || r.Code != "ZK01" || r.Population != 100000 || r.Values["instrument.pot.rate"] != 0.001 {
		t.Errorf("row A: %+v", r)
	}
	if r := regions[1]; r.Population != 1.2e6 || r.Values["instrument.pot.rate"] != 0.0005 {
		t.Errorf("row B: %+v", r)
	}
	if r := regions[2]; r.Name != "C; D" || len(r.Values) != 0 {
		t.Errorf("row C: %+v (an empty field keeps the template's value)", r)
	}
	// A tab-separated table too.
	if regions := readRegions(t, s, "region\tpopulation\nA\t5000\n"); regions[0].Population != 5000 {
		t.Errorf("tabs: %+v", regions[0])
	}
}

// TestRegionsRowProblems: a row's problems are said at its line, with
// the key, once, in the order of the columns and in Dutch; the table is
// read without a panic whatever its quotes.
func TestRegionsRowProblems(t *testing.T) {
	s := parseTemplate(t, "")
	for _, c := range []struct{ name, table, want string }{
		{"ambiguous thousands", "region;population\nA;1.500\n",
			`regions.csv:2: population: "1.500" is ambiguous in a table separated by semicolons: write 1500 for a whole number or 1,500 with a decimal comma`},
		{"not a number with semicolons", "region;population\nA;1,2,3\n", `regions.csv:2: population: "1,2,3" is not a number`},
		{"a whole number", "region,population,region.horizon\nA,1000,1.5\n", "regions.csv:2: region.horizon: expected a whole number, found the number 1.5"},
		{"a short row", "region,population\nA\n", "regions.csv:2: 1 fields for a header of 2 columns"},
		{"in column order", "region,population,instrument.pot.rate,region.horizon\nA,x,y,2.5\n",
			"regions.csv:2: population: \"x\" is not a number\nregions.csv:2: instrument.pot.rate: \"y\" is not a number\nregions.csv:2: region.horizon: expected a whole number, found the number 2.5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			regions := readRegions(t, s, c.table)
			got := regions[0].Problems
			if got.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", got.Error(), c.want)
			}
			for _, p := range got {
				if _, ok := scenarios.Dutch(p.Msg); !ok {
					t.Errorf("no Dutch text for %q", p.Msg)
				}
			}
		})
	}
	for _, table := range []string{"region,population\n\"A,1000\n", "region,population\nA,1\"0\n", "\"region,population\nA,1\n"} {
		_, err := ReadRegions("regions.csv", strings.NewReader(table), s)
		probs, ok := err.(scenarios.Problems)
		if !ok || len(probs) != 1 || probs[0].Line < 1 || !strings.Contains(probs[0].Msg, "quote") {
			t.Errorf("table %q: %v, want one problem naming its line and the quote", table, err)
			continue
		}
		if nl := probs.Dutch()[0].Msg; !strings.Contains(nl, "aanhalingsteken") {
			t.Errorf("table %q: Dutch %q", table, nl)
		}
	}
}
