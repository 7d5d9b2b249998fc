package report

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/sim"
)

// TestPoolTable: testdata/scenarios/pool.toml with gem unnamed (its name
// column falls back to its id): zv and gem put 50 000 each into a pool
// that buys x (100 000); x saves zv 800 000 and gem 200 000; the key is
// 50/50.
func TestPoolTable(t *testing.T) {
	s := fixture(t, "pool.toml", map[string]any{"party.gem.name": ""})
	r, tab := tableOf(t, s, English.PoolTable, 2)
	// By hand: key shares 0.5 × 1 000 000 = 500 000 each; zv saved
	// 300 000 more than its share and pays it to gem; net = 500 000 −
	// 50 000 = 450 000 each.
	checkRows(t, tab, [][]any{
		{"pool", "zv", "Zorgverzekeraar", 0.5, 50_000.0, 500_000.0, 800_000.0, -300_000.0, 450_000.0},
		{"pool", "gem", "gem", 0.5, 50_000.0, 500_000.0, 200_000.0, 300_000.0, 450_000.0},
	})
	checkCSV(t, tab, "pool,party,name,key,put_in,key_share,saved,settled,net")
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
