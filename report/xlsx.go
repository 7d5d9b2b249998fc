package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/xuri/excelize/v2"
)

// ChartData is the series a chart draws, as plots.Chart.Data holds them:
// a header row, then one row per point, numbers written with a dot.
type ChartData struct {
	Name string // the chart's file stem: funding, net_position, …
	Rows [][]string
}

// WriteXLSX writes a workbook for analysts: one sheet per table, named as
// the table's CSV file, with a frozen header row, euro, percentage and year
// formats on the raw numbers (to the cent), columns as wide as their
// widest cell, and totals as SUM formulas over the cells they add up (with
// the total as cached value, so a program that does not recalculate shows
// it too); then one sheet per chart, chart_<name>, with the series it
// draws; and a last sheet with the scenario's assumptions.
func (l Lang) WriteXLSX(w io.Writer, tables []*Table, assumptions []scenarios.Assumption, charts ...ChartData) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	b := &workbook{f: f, used: map[string]bool{}}
	for _, t := range tables {
		if err := b.sheet(t.Name, l.xlsxGrid(st, t)); err != nil {
			return fmt.Errorf("sheet %s: %w", t.Name, err)
		}
	}
	for _, c := range charts {
		if err := b.sheet("chart_"+c.Name, chartGrid(st, c)); err != nil {
			return fmt.Errorf("sheet of chart %s: %w", c.Name, err)
		}
	}
	at := &Table{Name: "assumptions", Columns: []Column{
		{Key: "part", Label: l.T("html.part")}, {Key: "item", Label: l.T("html.item")},
		{Key: "key", Label: l.T("html.key")}, {Key: "value", Label: l.T("html.value")},
		{Key: "written", Label: l.T("html.written")}, {Key: "source", Label: l.T("html.source")},
	}}
	for _, g := range l.AssumptionGroups(assumptions) {
		for _, e := range g.Elements {
			item := e.Label
			if e.Off {
				item += " " + l.T("section.off")
			}
			for _, r := range e.Rows {
				at.Rows = append(at.Rows, []any{g.Title, item, r.Key, r.Value, r.Written, e.Source})
			}
		}
	}
	if err := b.sheet(at.Name, l.xlsxGrid(st, at)); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	var raw bytes.Buffer
	if err := f.Write(&raw); err != nil {
		return err
	}
	return canonicalZip(w, raw.Bytes())
}

// canonicalZip rewrites a workbook's zip with its entries in a fixed order
// ([Content_Types].xml first, then by name) and no timestamps, so that the
// same tables give the same bytes (excelize writes its parts in the order
// of a map).
func canonicalZip(w io.Writer, data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		const first = "[Content_Types].xml"
		switch {
		case a.Name == first:
			return -1
		case b.Name == first:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err == nil {
			_, err = io.Copy(out, rc)
		}
		rc.Close()
		if err != nil {
			return err
		}
	}
	return zw.Close()
}

// The number formats of the workbook. Each has a twin in xlsxText, which
// renders a value the way a spreadsheet shows it in that format, for the
// widths of the columns.
const (
	fmtMoney       = `"€ "#,##0.00;[Red]"€ "-#,##0.00`
	fmtDeltaMoney  = `"€ +"#,##0.00;[Red]"€ -"#,##0.00;"€ "0.00`
	fmtPercent     = `0.0%`
	fmtDeltaPoints = `"+"0.0%;"-"0.0%;0.0%`
	fmtNumber      = `0.00`
	fmtYear        = `0`
)

type xlsxStyles struct {
	head int
	// kind is the style of a number of each kind (0: General).
	kind map[ColKind]int
	// decimals is the style of a chart's number with that many decimals,
	// made on demand.
	decimals map[int]int
	f        *excelize.File
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	s := xlsxStyles{kind: map[ColKind]int{}, decimals: map[int]int{}, f: f}
	var err error
	mk := func(style *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(style)
		return id
	}
	s.head = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF2"}},
		Border: []excelize.Border{{Type: "bottom", Color: "33658A", Style: 2}}})
	// In a fixed order, so that the same tables give the same bytes.
	for _, kf := range []struct {
		kind ColKind
		nf   string
	}{{Money, fmtMoney}, {DeltaMoney, fmtDeltaMoney}, {Percent, fmtPercent}, {DeltaPoints, fmtDeltaPoints}, {Number, fmtNumber}, {Year, fmtYear}} {
		s.kind[kf.kind] = mk(&excelize.Style{CustomNumFmt: &kf.nf})
	}
	return s, err
}

// decimalStyle is the style of a number with d decimals and thousands
// separators (d = 0: a whole number such as a year, without separators).
func (s xlsxStyles) decimalStyle(d int) (int, error) {
	if id, ok := s.decimals[d]; ok {
		return id, nil
	}
	nf := fmtYear
	if d > 0 {
		nf = "#,##0." + strings.Repeat("0", d)
	}
	id, err := s.f.NewStyle(&excelize.Style{CustomNumFmt: &nf})
	s.decimals[d] = id
	return id, err
}

// xcell is one cell of a sheet: its value (nil: empty), style, formula
// (with the value as cached result) and the text a spreadsheet shows.
type xcell struct {
	value   any
	style   int
	formula string
	text    string
	number  bool
}

// grid is a sheet before it is written: a header row, then the rows.
type grid [][]xcell

func (l Lang) xlsxGrid(st xlsxStyles, t *Table) grid {
	g := make(grid, 0, len(t.Rows)+1)
	head := make([]xcell, len(t.Columns))
	for j, c := range t.Columns {
		head[j] = xcell{value: c.Label, style: st.head, text: c.Label}
	}
	g = append(g, head)
	for _, row := range t.Rows {
		cells := make([]xcell, len(row))
		for j, v := range row {
			kind := Text
			if j < len(t.Columns) {
				kind = t.Columns[j].Kind
			}
			switch x := v.(type) {
			case Term:
				v = x.Label
			case Num:
				v, kind = x.V, x.Kind
			case int:
				if kind == Year && x == 0 {
					v = nil
				}
			}
			c := xcell{value: v, text: xlsxText(kind, v)}
			switch v.(type) {
			case int, float64:
				c.style, c.number = st.kind[kind], true
			}
			cells[j] = c
		}
		g = append(g, cells)
	}
	totalFormulas(t, g)
	return g
}

// totalFormulas turns a table's total column into SUM formulas: the
// column keyed "total" adds up the euro columns right before it (the years
// of party_net, the savers of wrong_pocket). A row whose total is not the
// sum of those cells to the cent keeps its typed value. Tables have no
// total rows; other columns (present values, ratios, shares) are not sums
// of cells and stay values.
func totalFormulas(t *Table, g grid) {
	for j, c := range t.Columns {
		if c.Key != "total" || c.Kind != Money {
			continue
		}
		from := j
		for from > 0 && t.Columns[from-1].Kind == Money {
			from--
		}
		if from == j {
			continue
		}
		first, _ := excelize.ColumnNumberToName(from + 1)
		last, _ := excelize.ColumnNumberToName(j)
		for i := 1; i < len(g); i++ {
			row := g[i]
			if j >= len(row) {
				continue
			}
			total, ok := row[j].value.(float64)
			sum := 0.0
			for k := from; k < j && ok; k++ {
				v, isNum := row[k].value.(float64)
				ok = isNum
				sum += v
			}
			if ok && math.Abs(sum-total) < 0.005 {
				row[j].formula = fmt.Sprintf("SUM(%s%d:%s%d)", first, i+1, last, i+1)
			}
		}
	}
}

// chartGrid is the sheet of a chart's series: its header row, and each
// number with as many decimals as the chart's data has (a whole number,
// such as a year, without thousands separators).
func chartGrid(st xlsxStyles, c ChartData) grid {
	g := make(grid, 0, len(c.Rows))
	for i, row := range c.Rows {
		cells := make([]xcell, len(row))
		for j, s := range row {
			if i == 0 {
				cells[j] = xcell{value: s, style: st.head, text: s}
				continue
			}
			cells[j] = xcell{value: s, text: s}
			if n, err := strconv.Atoi(s); err == nil {
				style, _ := st.decimalStyle(0)
				cells[j] = xcell{value: n, style: style, text: s, number: true}
			} else if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
				dot := strings.IndexByte(s, '.')
				if dot < 0 || strings.ContainsAny(s, "eE") {
					cells[j] = xcell{value: v, text: generalText(v), number: true} // General
					continue
				}
				d := len(s) - dot - 1
				style, _ := st.decimalStyle(d)
				cells[j] = xcell{value: v, style: style, text: grouped(v, d), number: true}
			}
		}
		g = append(g, cells)
	}
	return g
}

// xlsxText is a value as a spreadsheet shows it in the number format of
// its kind (locale aside: separators differ, lengths do not).
func xlsxText(kind ColKind, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Sprint(x)
		}
		switch kind {
		case Money:
			return "€ " + sign(x, 2, false) + grouped(math.Abs(x), 2)
		case DeltaMoney:
			return "€ " + sign(x, 2, true) + grouped(math.Abs(x), 2)
		case Percent:
			return strconv.FormatFloat(x*100, 'f', 1, 64) + "%"
		case DeltaPoints:
			return sign(x*100, 1, true) + strconv.FormatFloat(math.Abs(x*100), 'f', 1, 64) + "%"
		case Number:
			return strconv.FormatFloat(x, 'f', 2, 64)
		case Year:
			return strconv.FormatFloat(x, 'f', 0, 64)
		}
		return generalText(x)
	}
	return fmt.Sprint(v)
}

// sign is the sign a format shows before x rounded to d decimals: "-"
// for a negative, and with plus set "+" for a positive.
func sign(x float64, d int, plus bool) string {
	r := math.Round(x*math.Pow(10, float64(d))) / math.Pow(10, float64(d))
	switch {
	case r < 0:
		return "-"
	case r > 0 && plus:
		return "+"
	}
	return ""
}

// grouped is x with d decimals and thousands separators: 1,234,567.89.
func grouped(x float64, d int) string {
	s := strconv.FormatFloat(math.Abs(x), 'f', d, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if x < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// generalText is a number in the General format: at most eleven
// characters' worth of significant digits.
func generalText(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if len(s) > 11 {
		s = strconv.FormatFloat(x, 'g', 10, 64)
	}
	return s
}

// Column widths, in characters: at least minWidth, text at most
// maxWidth (longer text is cut off at the next column; a number is never
// made narrower than it is, or it shows as ####), plus room for the
// header's bold face and the cell's margins.
const (
	minWidth = 8
	maxWidth = 60
	padding  = 2
)

type workbook struct {
	f    *excelize.File
	used map[string]bool // sheet names taken, in lower case
	n    int
}

// sheet writes g on a new sheet called after name (made a valid, unique
// sheet name), with widths from the widest cell of each column and a
// frozen header row.
func (b *workbook) sheet(name string, g grid) error {
	name = sheetName(name, b.used)
	if b.n == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	b.n++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	text, number := []int{}, []int{}
	for i, row := range g {
		for j, c := range row {
			for len(text) <= j {
				text, number = append(text, 0), append(number, 0)
			}
			n := utf8.RuneCountInString(c.text)
			if i == 0 {
				n++ // bold
			}
			if c.number {
				number[j] = max(number[j], n)
			} else {
				text[j] = max(text[j], n)
			}
		}
	}
	// excelize puts each column's width before those set already: from the
	// last column to the first, they are in the ascending order that
	// spreadsheets expect.
	for j := len(text) - 1; j >= 0; j-- {
		width := max(min(max(text[j], minWidth), maxWidth), number[j]) + padding
		if err := sw.SetColWidth(j+1, j+1, float64(min(width, excelize.MaxColumnWidth))); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, row := range g {
		vals := make([]any, len(row))
		for j, c := range row {
			if c.value == nil {
				continue
			}
			vals[j] = excelize.Cell{StyleID: c.style, Formula: c.formula, Value: c.value}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sheetName makes name a sheet name a spreadsheet accepts: none of
// : \ / ? * [ ], no apostrophe first or last, at most 31 characters, and
// unlike the names in used (which it joins), ignoring case.
func sheetName(name string, used map[string]bool) string {
	const maxLen = 31
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, "'")
	if name == "" || strings.EqualFold(name, "History") {
		name = "sheet"
	}
	cut := func(s string, n int) string {
		if utf8.RuneCountInString(s) <= n {
			return s
		}
		return strings.TrimRight(string([]rune(s)[:n]), "'")
	}
	out := cut(name, maxLen)
	for k := 2; used[strings.ToLower(out)]; k++ {
		suffix := "_" + strconv.Itoa(k)
		out = cut(name, maxLen-len(suffix)) + suffix
	}
	used[strings.ToLower(out)] = true
	return out
}
