package report

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// poolScenario: zv and gem put 50 000 each into a pool that buys x
// (100 000); x saves zv 800 000 and gem 200 000; the key is 50/50.
const poolScenario = `[region]
name = "T"
first_year = 2026
horizon = 1
discount_rate = 0
indexation = 0
[[party]]
id = "zv"
name = "Zorgverzekeraar"
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
cost = 100_000
savings = { zv = 800_000, gem = 200_000 }
[[instrument]]
type = "pooled_purchase"
id = "pool"
payers = ["zv", "gem"]
amounts = { zv = 50_000, gem = 50_000 }
funds = ["x"]
savings_key = { zv = 0.5, gem = 0.5 }
`

func TestPoolTable(t *testing.T) {
	s, err := scenarios.Parse("p.toml", []byte(poolScenario))
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tab := English.PoolTable(r)
	if tab == nil || len(tab.Rows) != 2 {
		t.Fatalf("table %+v", tab)
	}
	// By hand: key shares 0.5 × 1 000 000 = 500 000 each; zv saved
	// 300 000 more than its share and pays it to gem; net = 500 000 −
	// 50 000 = 450 000 each.
	want := [][]any{
		{"pool", "zv", "Zorgverzekeraar", 0.5, 50_000.0, 500_000.0, 800_000.0, -300_000.0, 450_000.0},
		{"pool", "gem", "gem", 0.5, 50_000.0, 500_000.0, 200_000.0, 300_000.0, 450_000.0},
	}
	for n, row := range want {
		for c, v := range row {
			if tab.Rows[n][c] != v {
				t.Errorf("row %d column %s: %v, want %v", n, tab.Columns[c].Key, tab.Rows[n][c], v)
			}
		}
	}
	var b strings.Builder
	if err := WriteCSV(&b, tab); err != nil || !strings.HasPrefix(b.String(), "pool,party,name,key,put_in,key_share,saved,settled,net\n") {
		t.Errorf("CSV %q, %v", b.String(), err)
	}
	nl := Dutch.PoolTable(r)
	if nl.Columns[4].Label != "inleg" || !strings.Contains(strings.Join(nl.Notes, " "), "naar rato") {
		t.Errorf("Dutch: %v %q", nl.Columns[4].Label, nl.Notes)
	}
	var text strings.Builder
	if err := Dutch.WriteText(&text, nl); err != nil || strings.Contains(text.String(), "col.") {
		t.Errorf("Dutch text %q, %v", text.String(), err)
	}
	// A run without a pool has no pool table.
	s.Instruments = nil
	if r2, err := sim.Run(s, sim.Options{}); err != nil || English.PoolTable(r2) != nil {
		t.Errorf("a run without a pool: %v", err)
	}
}
