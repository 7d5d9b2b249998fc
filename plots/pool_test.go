package plots_test

import (
	"testing"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/scenarios"
)

// TestPoolCharts: testdata/scenarios/pool.toml, where zv (Zorgverzekeraar)
// and gem (Gemeente) put 50 000 each into a pool that buys x (100 000); x
// saves zv 800 000 and gem 200 000; the key is 50/50, so zv pays 300 000 to
// gem and each nets 500 000 − 50 000 = 450 000.
func TestPoolCharts(t *testing.T) {
	chartCase{
		charts: plots.PoolCharts, name: "pool_pool", title: "Pool ouderen",
		data: [][]string{
			{"payer", "in", "saved", "settlement", "net"},
			{"zv", "50000.00", "800000.00", "-300000.00", "450000.00"},
			{"gem", "50000.00", "200000.00", "300000.00", "450000.00"},
		},
		labels: []string{"Zorgverzekeraar", "Gemeente"},
		// No pool, no chart.
		without: func(s *scenarios.Scenario) { s.Instruments = nil },
	}.check(t, fixture(t, "pool.toml"))
}
