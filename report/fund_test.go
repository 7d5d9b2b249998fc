package report

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// fundScenario: gem puts 1 000 000 into a fund in 2026 that lends x its
// 600 000; zv repays half of its 300 000 of savings a year, term 2, so
// 150 000 in 2026 and 2027 and 300 000 is written off at the end of 2027
// (transformation funds pay x from 2027 on).
const fundScenario = `[region]
name = "T"
first_year = 2026
horizon = 4
discount_rate = 0
indexation = 0
[[party]]
id = "zv"
kind = "insurer"
[[party]]
id = "gem"
kind = "municipality"
[[party]]
id = "wz"
kind = "social_work"
[[initiative]]
id = "x"
provider = "wz"
cost = 600_000
savings = { zv = 300_000 }
[[instrument]]
type = "transformation_funds"
id = "tf"
from = 2027
until = 2029
funds = { x = 600_000 }
[[instrument]]
type = "revolving_fund"
id = "rf"
name = "Fonds"
capital = { gem = 1_000_000 }
funds = ["x"]
repayment_share = 0.5
term = 2
`

func TestFundTable(t *testing.T) {
	s, err := scenarios.Parse("f.toml", []byte(fundScenario))
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tab := English.FundTable(r)
	if tab == nil || len(tab.Rows) != 4 {
		t.Fatalf("table %+v", tab)
	}
	// By hand: 2026 capital 1 000 000, lent 600 000, repaid 150 000,
	// balance 550 000; 2027 repaid 150 000, written off 300 000, balance
	// 700 000.
	want := [][]any{
		{"rf", 2026, 1_000_000.0, 600_000.0, 150_000.0, 0.0, 0.0, 550_000.0},
		{"rf", 2027, 0.0, 0.0, 150_000.0, 0.0, 300_000.0, 700_000.0},
	}
	for n, row := range want {
		for c, v := range row {
			if tab.Rows[n][c] != v {
				t.Errorf("row %d column %s: %v, want %v", n, tab.Columns[c].Key, tab.Rows[n][c], v)
			}
		}
	}
	if notes := strings.Join(tab.Notes, " "); !strings.Contains(notes, "Fonds does not revolve within the horizon: its closing balance is €700,000 of €1,000,000 of capital; €300,000 written off, €0 still outstanding.") {
		t.Errorf("notes %q", notes)
	}
	nl := Dutch.FundTable(r)
	if nl.Columns[3].Label != "uitgeleend" || !strings.Contains(strings.Join(nl.Notes, " "), "revolveert niet") {
		t.Errorf("Dutch: %v %q", nl.Columns[3].Label, nl.Notes)
	}
	var b strings.Builder
	if err := WriteCSV(&b, tab); err != nil || !strings.HasPrefix(b.String(), "fund,year,capital_in,lent,repaid,interest,written_off,balance\n") {
		t.Errorf("CSV %q, %v", b.String(), err)
	}
	// A run without a fund has no fund table.
	s.Instruments = s.Instruments[:1]
	if r2, err := sim.Run(s, sim.Options{}); err != nil || English.FundTable(r2) != nil {
		t.Errorf("a run without a fund: %v", err)
	}
}
