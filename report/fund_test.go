package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// fixture parses testdata/scenarios/NAME at the repository's root, the
// scenario the fund or pool tests of sim, report and plots share (its
// comment says what it holds and its figures by hand), sets the values of
// set by path and checks it again.
func fixture(t *testing.T, name string, set map[string]any) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(filepath.Join("..", "testdata", "scenarios", name))
	if err != nil {
		t.Fatal(err)
	}
	for path, v := range set {
		if err := s.Set(path, v); err != nil {
			t.Fatal(err)
		}
	}
	if errs := s.Check().Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	return s
}

// tableOf runs s and returns its table by table (FundTable, PoolTable, …),
// failing unless it has rows rows.
func tableOf(t *testing.T, s *scenarios.Scenario, table func(*sim.Result) *Table, rows int) (*sim.Result, *Table) {
	t.Helper()
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tab := table(r)
	if tab == nil || len(tab.Rows) != rows {
		t.Fatalf("table %+v", tab)
	}
	return r, tab
}

// checkRows compares the first rows of tab with want, cell by cell.
func checkRows(t *testing.T, tab *Table, want [][]any) {
	t.Helper()
	for n, row := range want {
		for c, v := range row {
			if tab.Rows[n][c] != v {
				t.Errorf("row %d column %s: %v, want %v", n, tab.Columns[c].Key, tab.Rows[n][c], v)
			}
		}
	}
}

// checkCSV checks that tab is written as CSV under the header header.
func checkCSV(t *testing.T, tab *Table, header string) {
	t.Helper()
	var b strings.Builder
	if err := WriteCSV(&b, tab); err != nil || !strings.HasPrefix(b.String(), header+"\n") {
		t.Errorf("CSV %q, %v", b.String(), err)
	}
}

// TestFundTable: testdata/scenarios/fund.toml with its fund named Fonds
// and a repayment_share of 0.5: gem puts 1 000 000 into a fund in 2026 that
// lends x its 600 000; zv repays half of its 300 000 of savings a year,
// term 2, so 150 000 in 2026 and 2027 and 300 000 is written off at the end
// of 2027 (transformation funds pay x from 2027 on).
func TestFundTable(t *testing.T) {
	s := fixture(t, "fund.toml", map[string]any{"instrument.rf.name": "Fonds", "instrument.rf.repayment_share": 0.5})
	r, tab := tableOf(t, s, English.FundTable, 4)
	// By hand: 2026 capital 1 000 000, lent 600 000, repaid 150 000,
	// balance 550 000; 2027 repaid 150 000, written off 300 000, balance
	// 700 000.
	checkRows(t, tab, [][]any{
		{"rf", 2026, 1_000_000.0, 600_000.0, 150_000.0, 0.0, 0.0, 550_000.0},
		{"rf", 2027, 0.0, 0.0, 150_000.0, 0.0, 300_000.0, 700_000.0},
	})
	if notes := strings.Join(tab.Notes, " "); !strings.Contains(notes, "Fonds does not revolve within the horizon: its closing balance is €700,000 of €1,000,000 of capital; €300,000 written off, €0 still outstanding.") {
		t.Errorf("notes %q", notes)
	}
	nl := Dutch.FundTable(r)
	if nl.Columns[3].Label != "uitgeleend" || !strings.Contains(strings.Join(nl.Notes, " "), "revolveert niet") {
		t.Errorf("Dutch: %v %q", nl.Columns[3].Label, nl.Notes)
	}
	checkCSV(t, tab, "fund,year,capital_in,lent,repaid,interest,written_off,balance")
	// A run without a fund has no fund table.
	s.Instruments = s.Instruments[:1]
	if r2, err := sim.Run(s, sim.Options{}); err != nil || English.FundTable(r2) != nil {
		t.Errorf("a run without a fund: %v", err)
	}
}
