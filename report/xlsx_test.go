package report

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/xuri/excelize/v2"
)

// workbookOf writes the workbook of a built-in example as `regiosim
// report` does (the run's tables, its charts, the assumptions) and opens
// it again.
func workbookOf(t *testing.T, l Lang, example string) (*sim.Result, []*Table, []plots.Chart, *excelize.File) {
	t.Helper()
	s, err := scenarios.Example(example)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{NoLedger: true})
	if err != nil {
		t.Fatal(err)
	}
	charts, err := plots.All(r, l)
	if err != nil {
		t.Fatal(err)
	}
	var data []ChartData
	for _, c := range charts {
		data = append(data, ChartData{Name: c.Name, Rows: c.Data})
	}
	tables := l.RunTables(r)
	var b bytes.Buffer
	if err := l.WriteXLSX(&b, tables, s.Assumptions(), data...); err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { wb.Close() })
	return r, tables, charts, wb
}

func cellName(t *testing.T, col, row int) string {
	t.Helper()
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWorkbookColumnsFitTheirNumbers: every column is at least as wide as
// the text a spreadsheet shows for each of its numbers in their format
// (excelize renders the number format), the largest euro amount of a
// party among them, and as its header and its text up to the maximum
// width; every euro cell has a euro format.
func TestWorkbookColumnsFitTheirNumbers(t *testing.T) {
	for _, l := range []Lang{English, Dutch} {
		r, tables, _, wb := workbookOf(t, l, "realistic")
		// The largest euro amount of the parties sheet, from the result.
		big, bigParty := 0.0, -1
		for i, p := range r.Parties {
			for _, v := range []float64{p.Total.Paid, p.Total.Received, p.Total.Net} {
				if math.Abs(v) > math.Abs(big) {
					big, bigParty = v, i
				}
			}
		}
		if math.Abs(big) < 1e6 {
			t.Fatalf("the example's largest party amount is %v: not a large number", big)
		}
		found := false
		for _, tab := range tables {
			for j, c := range tab.Columns {
				col, _ := excelize.ColumnNumberToName(j + 1)
				width, err := wb.GetColWidth(tab.Name, col)
				if err != nil {
					t.Fatal(err)
				}
				for i, row := range tab.Rows {
					ref := cellName(t, j+1, i+2)
					shown, err := wb.GetCellValue(tab.Name, ref)
					if err != nil {
						t.Fatal(err)
					}
					switch row[j].(type) {
					case float64, int, Num:
					default:
						if utf8.RuneCountInString(shown) <= maxWidth && float64(utf8.RuneCountInString(shown)) > width {
							t.Errorf("%s %s: text %q wider than the column (%.0f)", tab.Name, ref, shown, width)
						}
						continue // longer text runs on into the next column
					}
					if n := utf8.RuneCountInString(shown); float64(n) > width {
						t.Errorf("%s %s: %q is %d characters, the column %.0f wide", tab.Name, ref, shown, n, width)
					}
					v, ok := row[j].(float64)
					if !ok || c.Kind != Money {
						continue
					}
					if !strings.HasPrefix(shown, "€ ") || !strings.Contains(shown, ".") {
						t.Errorf("%s %s: euro amount %v shows as %q", tab.Name, ref, v, shown)
					}
					if tab.Name == "parties" && i == bigParty && v == big {
						found = true
						if want := "€ " + grouped(big, 2); shown != want && shown != "€ -"+grouped(-big, 2) {
							t.Errorf("parties %s: %q, want %q", ref, shown, want)
						}
					}
				}
				if head := utf8.RuneCountInString(c.Label); float64(head) > width {
					t.Errorf("%s column %s: header %q wider than the column (%.0f)", tab.Name, col, c.Label, width)
				}
			}
		}
		if !found {
			t.Errorf("%s: the largest amount %v was not found on the parties sheet", l.Code, big)
		}
	}
}

// TestWorkbookTotalsAreFormulas: the total of each party's net over the
// years (party_net) and of each bearer's cost (wrong_pocket) is a SUM over
// exactly the cells it adds up, whose cached value is the total and which,
// evaluated, gives the sum of those numbers in the result to the cent.
// Columns that are no sums (present values) stay values.
func TestWorkbookTotalsAreFormulas(t *testing.T) {
	r, tables, _, wb := workbookOf(t, English, "realistic")
	byName := map[string]*Table{}
	for _, tab := range tables {
		byName[tab.Name] = tab
	}
	checkTotal := func(sheet string, row, from, to int, want float64) {
		t.Helper()
		ref := cellName(t, to+1, row)
		formula, err := wb.GetCellFormula(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		if wantF := fmt.Sprintf("SUM(%s:%s)", cellName(t, from, row), cellName(t, to, row)); formula != wantF {
			t.Errorf("%s %s: formula %q, want %q", sheet, ref, formula, wantF)
		}
		cached, _ := wb.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if v, err := strconv.ParseFloat(cached, 64); err != nil || math.Abs(v-want) > 0.005 {
			t.Errorf("%s %s: cached value %q, want %.2f", sheet, ref, cached, want)
		}
		got, err := wb.CalcCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s %s: %v", sheet, ref, err)
		}
		if v, err := strconv.ParseFloat(got, 64); err != nil || math.Abs(v-want) > 0.005 {
			t.Errorf("%s %s: evaluates to %q, want %.2f", sheet, ref, got, want)
		}
	}

	// party_net: party, one column per year, total, net_pv.
	n := len(r.Years)
	if len(r.Parties) == 0 || len(byName["party_net"].Rows) != len(r.Parties) {
		t.Fatalf("party_net: %d rows for %d parties", len(byName["party_net"].Rows), len(r.Parties))
	}
	for i, p := range r.Parties {
		sum := 0.0
		for _, v := range p.Net {
			sum += v
		}
		if math.Abs(sum-p.Total.Net) > 0.005 {
			t.Fatalf("party %s: nets add up to %v, total %v", p.ID, sum, p.Total.Net)
		}
		checkTotal("party_net", i+2, 2, n+1, sum)
		pv := cellName(t, n+3, i+2)
		if f, _ := wb.GetCellFormula("party_net", pv); f != "" {
			t.Errorf("party_net %s: the present value is a formula %q", pv, f)
		}
	}

	// wrong_pocket: bearer, one column per saver with any cost, total.
	wp := r.WrongPocket
	shown := 0
	for s := range wp.Savers {
		for b := range wp.Bearers {
			if wp.Values[b][s] != 0 {
				shown++
				break
			}
		}
	}
	row := 2
	for b := range wp.Bearers {
		if wp.BearerTotals[b] == 0 {
			continue
		}
		sum := 0.0
		for _, v := range wp.Values[b] {
			sum += v
		}
		checkTotal("wrong_pocket", row, 2, shown+1, sum)
		row++
	}
	if row == 2 {
		t.Fatal("wrong_pocket: no bearer")
	}

	// No other sheet has formulas: no ratio, share or present value is summed.
	for _, tab := range tables {
		if tab.Name == "party_net" || tab.Name == "wrong_pocket" {
			continue
		}
		for i := range tab.Rows {
			for j := range tab.Columns {
				if f, _ := wb.GetCellFormula(tab.Name, cellName(t, j+1, i+2)); f != "" {
					t.Errorf("%s: formula %q in row %d", tab.Name, f, i+2)
				}
			}
		}
	}
}

// TestWorkbookChartSheets: every chart has a sheet chart_<name> holding
// its header and one row per point of its data, the numbers as numbers.
func TestWorkbookChartSheets(t *testing.T) {
	for _, example := range []string{"realistic", "small"} {
		_, _, charts, wb := workbookOf(t, English, example)
		if len(charts) == 0 {
			t.Fatalf("%s: no charts", example)
		}
		for _, c := range charts {
			sheet := "chart_" + c.Name
			if len(sheet) > 31 {
				sheet = sheet[:31]
			}
			rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Errorf("%s: chart %s: %v (sheets %v)", example, c.Name, err, wb.GetSheetList())
				continue
			}
			if len(rows) != len(c.Data) {
				t.Errorf("%s: sheet %s has %d rows, the chart's data %d", example, sheet, len(rows), len(c.Data))
				continue
			}
			for i, want := range c.Data {
				for j, w := range want {
					got := ""
					if j < len(rows[i]) {
						got = rows[i][j]
					}
					wv, err1 := strconv.ParseFloat(w, 64)
					gv, err2 := strconv.ParseFloat(got, 64)
					if i > 0 && err1 == nil {
						if err2 != nil || gv != wv {
							t.Errorf("%s %s row %d col %d: %q, want the number %s", example, sheet, i+1, j+1, got, w)
						}
						if typ, _ := wb.GetCellType(sheet, cellName(t, j+1, i+1)); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
							t.Errorf("%s %s row %d col %d: %q is not a number cell", example, sheet, i+1, j+1, w)
						}
					} else if got != w {
						t.Errorf("%s %s row %d col %d: %q, want %q", example, sheet, i+1, j+1, got, w)
					}
				}
			}
		}
		if last := wb.GetSheetList(); last[len(last)-1] != "assumptions" {
			t.Errorf("%s: the last sheet is %s, not the assumptions", example, last[len(last)-1])
		}
	}
}

// TestSheetNames: a name a spreadsheet would refuse is made valid, at
// most 31 characters, and unique ignoring case.
func TestSheetNames(t *testing.T) {
	used := map[string]bool{}
	long := "chart_histogram_initiative.schuldhulp.gap_after_funds_end_pv"
	names := []string{sheetName("funding", used), sheetName("chart_funding", used), sheetName("Funding", used),
		sheetName(long, used), sheetName(long, used), sheetName("a/b:c*d?[e]", used), sheetName("'quoted'", used)}
	want := []string{"funding", "chart_funding", "Funding_2", long[:31], long[:29] + "_2", "a_b_c_d__e_", "quoted"}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("name %d: %q, want %q", i, names[i], want[i])
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	for _, n := range names {
		if _, err := f.NewSheet(n); err != nil {
			t.Errorf("excelize refuses %q: %v", n, err)
		}
	}
}
