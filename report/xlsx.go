package report

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes a workbook for analysts: one sheet per table, named as
// the table's CSV file, with a frozen header row, euro, percentage and year
// formats on the raw numbers (to the cent), and a last sheet with the
// scenario's assumptions.
func (l Lang) WriteXLSX(w io.Writer, tables []*Table, assumptions []scenarios.Assumption) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	first := true
	for _, t := range tables {
		if err := l.xlsxSheet(f, st, t, first); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
		first = false
	}
	at := &Table{Name: "assumptions", Columns: []Column{{Key: "item", Label: l.T("html.item")}, {Key: "key", Label: l.T("html.key")}, {Key: "value", Label: l.T("html.value")}}}
	for _, a := range assumptions {
		at.Rows = append(at.Rows, []any{l.AssumptionItem(a), a.Key, a.Value})
	}
	if err := l.xlsxSheet(f, st, at, first); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// AssumptionItem names the part of the scenario an assumption belongs to:
// "party zv", "partij zv", "instrument iza (uit)".
func (l Lang) AssumptionItem(a scenarios.Assumption) string {
	item := l.T("section." + a.Section)
	if a.ID != "" {
		item += " " + a.ID
	}
	if a.Off {
		item += " " + l.T("section.off")
	}
	return item
}

type xlsxStyles struct{ head, money, percent, number, year int }

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var s xlsxStyles
	var err error
	mk := func(style *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(style)
		return id
	}
	euro := `"€ "#,##0.00;[Red]"€ "-#,##0.00`
	pct := "0.0%"
	num := "0.00"
	yr := "0"
	s.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "33658A", Style: 2}}})
	s.money = mk(&excelize.Style{CustomNumFmt: &euro})
	s.percent = mk(&excelize.Style{CustomNumFmt: &pct})
	s.number = mk(&excelize.Style{CustomNumFmt: &num})
	s.year = mk(&excelize.Style{CustomNumFmt: &yr})
	return s, err
}

func (l Lang) xlsxSheet(f *excelize.File, st xlsxStyles, t *Table, first bool) error {
	name := t.Name
	if first {
		if err := f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(name); err != nil {
		return err
	}
	width := make([]int, len(t.Columns))
	head := make([]any, len(t.Columns))
	for j, c := range t.Columns {
		head[j] = c.Label
		width[j] = utf8.RuneCountInString(c.Label)
	}
	if err := f.SetSheetRow(name, "A1", &head); err != nil {
		return err
	}
	for i, row := range t.Rows {
		vals := make([]any, len(row))
		for j, v := range row {
			switch x := v.(type) {
			case Term:
				vals[j] = x.Label
			case Num:
				vals[j] = x.V
			case int:
				if t.Columns[j].Kind == Year && x == 0 {
					vals[j] = nil
				} else {
					vals[j] = x
				}
			default:
				vals[j] = x
			}
			width[j] = max(width[j], utf8.RuneCountInString(l.cell(t.Columns[j], v)))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(name, cell, &vals); err != nil {
			return err
		}
	}
	last := len(t.Rows) + 1
	for j, c := range t.Columns {
		col, _ := excelize.ColumnNumberToName(j + 1)
		style := map[ColKind]int{Money: st.money, Percent: st.percent, Number: st.number, Year: st.year}[c.Kind]
		if style != 0 && last > 1 {
			if err := f.SetCellStyle(name, col+"2", fmt.Sprintf("%s%d", col, last), style); err != nil {
				return err
			}
		}
		if err := f.SetColWidth(name, col, col, float64(min(max(width[j], 6), 60))+2); err != nil {
			return err
		}
	}
	end, _ := excelize.CoordinatesToCellName(len(t.Columns), 1)
	if err := f.SetCellStyle(name, "A1", end, st.head); err != nil {
		return err
	}
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
