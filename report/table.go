package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ColKind says how a column's values are shown.
type ColKind int

// The kinds of columns.
const (
	Text        ColKind = iota // a word or name
	Money                      // euros
	Percent                    // a fraction shown as a percentage
	Year                       // a calendar year (0 shows as empty)
	Number                     // a plain number with two decimals
	DeltaMoney                 // a difference in euros, with its sign
	DeltaPoints                // a difference of two fractions, in percentage points
	Precise                    // a number with six significant digits (a break-even value)
)

// Column is one column of a table.
type Column struct {
	Key   string // stable English key: the CSV header
	Label string // what a person reads
	Kind  ColKind
	// LowerIsBetter marks differences where a fall is good news (gaps).
	LowerIsBetter bool
}

// Num is a number that says how it is shown, for a column whose rows
// hold values of different kinds (euros, shares, ratios).
type Num struct {
	V    float64
	Kind ColKind
}

// Term is a word a person reads in their language and a program reads by
// its stable key: CSV gets Key, the other formats Label.
type Term struct{ Key, Label string }

// Table is a titled grid of values. Cells hold string, Term, float64 or int.
type Table struct {
	Name    string // file stem for CSV: parties, party_years, …
	Title   string
	Columns []Column
	Rows    [][]any
	Notes   []string
	// Detail tables are written to files and shown on request, not in the
	// terminal overview.
	Detail bool
}

// cell formats one value for a person.
func (l Lang) cell(c Column, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case Term:
		return x.Label
	case Num:
		return l.cell(Column{Kind: x.Kind}, x.V)
	case int:
		if c.Kind == Year && x == 0 {
			return "–"
		}
		return strconv.Itoa(x)
	case float64:
		switch c.Kind {
		case Money:
			return l.Money(x)
		case Percent:
			return l.Percent(x)
		case Number:
			return l.Decimal(x, 2)
		case Precise:
			s := strconv.FormatFloat(x, 'g', 6, 64)
			if l.Code == "nl" {
				s = strings.ReplaceAll(s, ".", ",")
			}
			return s
		case DeltaMoney:
			if x > -0.5 && x < 0.5 {
				return "0"
			}
			return l.SignedMoney(x)
		case DeltaPoints:
			return signed(x, 0.005, l.Decimal(x*100, 0)+" "+l.T("pp"))
		}
		return l.Decimal(x, 0)
	}
	return fmt.Sprint(v)
}

// signed puts a + before a positive difference and shows a difference
// smaller than eps as 0.
func signed(x, eps float64, s string) string {
	switch {
	case x >= eps:
		return "+" + s
	case x > -eps:
		return "0"
	}
	return s
}

// csvCell formats one value for a program: plain digits, a dot for
// decimals, euros to the cent, fractions and ratios to six decimals.
func csvCell(c Column, v any) string {
	switch x := v.(type) {
	case string:
		return x
	case Term:
		return x.Key
	case Num:
		return csvCell(Column{Kind: x.Kind}, x.V)
	case int:
		if c.Kind == Year && x == 0 {
			return ""
		}
		return strconv.Itoa(x)
	case float64:
		switch c.Kind {
		case Money:
			s := strconv.FormatFloat(x, 'f', 2, 64)
			if s == "-0.00" {
				s = "0.00"
			}
			return s
		case Percent, DeltaPoints, Number:
			return strconv.FormatFloat(x, 'f', 6, 64)
		case DeltaMoney:
			s := strconv.FormatFloat(x, 'f', 2, 64)
			if s == "-0.00" {
				s = "0.00"
			}
			return s
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// WriteText writes the table aligned for a terminal.
func (l Lang) WriteText(w io.Writer, t *Table) error { return l.WriteTextColor(w, t, false) }

// ANSI colours for differences on a terminal: green is better for the
// party or initiative, red worse.
const (
	ansiGreen = "\x1b[32m"
	ansiRed   = "\x1b[31m"
	ansiReset = "\x1b[0m"
)

// WriteTextColor writes the table aligned for a terminal, colouring
// differences when color is set. A difference is better when it is
// positive, except in columns marked LowerIsBetter (gaps).
func (l Lang) WriteTextColor(w io.Writer, t *Table, color bool) error {
	cells := make([][]string, len(t.Rows)+1)
	width := make([]int, len(t.Columns))
	cells[0] = make([]string, len(t.Columns))
	for j, c := range t.Columns {
		cells[0][j] = c.Label
	}
	for i, row := range t.Rows {
		cells[i+1] = make([]string, len(t.Columns))
		for j, c := range t.Columns {
			cells[i+1][j] = l.cell(c, row[j])
		}
	}
	for _, row := range cells {
		for j, s := range row {
			width[j] = max(width[j], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	b.WriteString(t.Title + "\n")
	for i, row := range cells {
		for j, s := range row {
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(s))
			if j > 0 {
				b.WriteString("  ")
			}
			if c := t.Columns[j]; color && i > 0 && (c.Kind == DeltaMoney || c.Kind == DeltaPoints) && s != "0" {
				v, _ := t.Rows[i-1][j].(float64)
				better := (v > 0) != c.LowerIsBetter
				code := ansiRed
				if better {
					code = ansiGreen
				}
				s = code + s + ansiReset
			}
			if t.Columns[j].Kind == Text {
				b.WriteString(s)
				if j < len(row)-1 {
					b.WriteString(pad)
				}
			} else {
				b.WriteString(pad + s)
			}
		}
		b.WriteString("\n")
		if i == 0 {
			for j := range row {
				if j > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("─", width[j]))
			}
			b.WriteString("\n")
		}
	}
	for _, n := range t.Notes {
		b.WriteString(n + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes the table as a Markdown section.
func (l Lang) WriteMarkdown(w io.Writer, t *Table) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n|", t.Title)
	for _, c := range t.Columns {
		b.WriteString(" " + mdEscape(c.Label) + " |")
	}
	b.WriteString("\n|")
	for _, c := range t.Columns {
		if c.Kind == Text {
			b.WriteString(" --- |")
		} else {
			b.WriteString(" ---: |")
		}
	}
	b.WriteString("\n")
	for _, row := range t.Rows {
		b.WriteString("|")
		for j, c := range t.Columns {
			b.WriteString(" " + mdEscape(l.cell(c, row[j])) + " |")
		}
		b.WriteString("\n")
	}
	for _, n := range t.Notes {
		b.WriteString("\n" + mdEscape(n) + "\n")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// WriteCSV writes the table as CSV with the columns' stable keys as header.
func WriteCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	head := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		head[j] = c.Key
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for j, c := range t.Columns {
			rec[j] = csvCell(c, row[j])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Records returns the table's rows as records keyed by the columns' stable
// keys, with plain values (numbers, and the stable word of a Term), for
// JSON.
func (t *Table) Records() []map[string]any {
	out := make([]map[string]any, 0, len(t.Rows))
	for _, row := range t.Rows {
		rec := make(map[string]any, len(t.Columns))
		for j, c := range t.Columns {
			v := row[j]
			if term, ok := v.(Term); ok {
				v = term.Key
			}
			rec[c.Key] = v
		}
		out = append(out, rec)
	}
	return out
}
