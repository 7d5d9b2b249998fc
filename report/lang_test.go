package report

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/sim/ledger"
)

func TestNumberStyle(t *testing.T) {
	// Expected strings by hand: Dutch uses "€ 1.234.567", English "€1,234,567".
	cases := []struct {
		got, want string
	}{
		{Dutch.Money(1234567.4), "€ 1.234.567"},
		{English.Money(1234567.4), "€1,234,567"},
		{Dutch.Money(-2500), "€ -2.500"},
		{English.Money(-2500), "-€2,500"},
		{English.Money(-0.4), "€0"}, // rounds to zero: no "-€0"
		{Dutch.Short(4_100_000), "€ 4,1 mln"},
		{English.Short(4_100_000), "€4.1M"},
		{Dutch.Short(450_000), "€ 450k"},
		{English.Short(1_500), "€1.5k"}, // not "€2k": review found repeated tick labels
		{English.Short(2_000_000), "€2M"},
		{Dutch.SignedMoney(461_356), "€ +461.356"},
		{English.SignedMoney(-461_356), "-€461,356"},
		{English.Short(2_300_000_000), "€2.3bn"},
		{Dutch.Percent(0.376), "38%"},
		{Dutch.Rate(0.0225), "2,25%"},
		{English.Rate(0.03), "3%"},
		{Dutch.Decimal(1.346, 2), "1,35"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestLabelsComplete(t *testing.T) {
	for key, l := range labels {
		if l[0] == "" || l[1] == "" {
			t.Errorf("label %q lacks a translation: %q", key, l)
		}
	}
	// Every literal key the code asks for exists.
	use := regexp.MustCompile(`\.(?:T|Tf|Term|col)\("([a-z_.]+)"`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if strings.HasSuffix(key, ".") {
				continue // a prefix: checked below
			}
			if _, ok := labels[key]; !ok {
				if _, ok := labels["col."+key]; !ok {
					t.Errorf("%s asks for label %q, which does not exist", f, key)
				}
			}
		}
	}
}

func TestDynamicLabels(t *testing.T) {
	// Keys built at run time: ledger kinds and party kinds.
	for k := ledger.Kind(0); k < ledger.NumKinds; k++ {
		if _, ok := labels["kind."+k.String()]; !ok {
			t.Errorf("no label for ledger kind %s", k)
		}
	}
	for _, kind := range []string{"municipality", "insurer", "care_office", "hospital", "gp", "vvt", "ggz", "social_work", "ggd", "national", "other"} {
		for _, form := range []string{"one", "many"} {
			if _, ok := labels["group."+form+"."+kind]; !ok {
				t.Errorf("no label for party kind %s (%s)", kind, form)
			}
		}
	}
}

func TestDeltasColouredOnATerminal(t *testing.T) {
	tab := &Table{Name: "d", Title: "d", Columns: []Column{
		{Key: "net", Label: "net", Kind: DeltaMoney},
		{Key: "gap", Label: "gap", Kind: DeltaMoney, LowerIsBetter: true},
	}, Rows: [][]any{{1000.0, 1000.0}, {-1000.0, 0.0}}}
	var plain, colour strings.Builder
	English.WriteTextColor(&plain, tab, false)
	English.WriteTextColor(&colour, tab, true)
	if strings.Contains(plain.String(), "\x1b[") {
		t.Errorf("colours without a terminal")
	}
	// +€1,000 net is better (green), +€1,000 gap worse (red), -€1,000 net
	// worse (red); a zero difference has no colour.
	for _, want := range []string{ansiGreen + "+€1,000" + ansiReset, ansiRed + "+€1,000" + ansiReset, ansiRed + "-€1,000" + ansiReset} {
		if !strings.Contains(colour.String(), want) {
			t.Errorf("coloured output lacks %q:\n%q", want, colour.String())
		}
	}
	if strings.Count(colour.String(), ansiReset) != 3 {
		t.Errorf("want exactly three coloured cells:\n%q", colour.String())
	}
}

// TestPercent4: four significant digits, Dutch decimal comma, and no
// scientific notation for the simplex's dust.
func TestPercent4(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		v    float64
		want string
	}{{English, 0.000234, "0.0234 %"}, {Dutch, 0.000234, "0,0234 %"}, {English, 0, "0 %"}, {English, 1.127e-9, "< 0.0001 %"}, {Dutch, 1e-12, "< 0,0001 %"}} {
		if got := c.l.Percent4(c.v); got != c.want {
			t.Errorf("%s Percent4(%v) = %q, want %q", c.l.Code, c.v, got, c.want)
		}
	}
}
