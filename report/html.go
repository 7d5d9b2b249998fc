package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

//go:embed report.html.tmpl national.html.tmpl page.html.tmpl
var htmlFS embed.FS

// The templates share the stylesheet and the table layout of
// report.html.tmpl.
var (
	htmlTemplate     = template.Must(template.New("report.html.tmpl").ParseFS(htmlFS, "report.html.tmpl", "national.html.tmpl"))
	nationalTemplate = htmlTemplate.Lookup("national.html.tmpl")
)

// Figure is a chart to embed in the HTML report.
type Figure struct {
	Name  string
	Title string
	SVG   []byte
}

// Document is everything the HTML report shows.
type Document struct {
	Result      *sim.Result
	Assumptions []scenarios.Assumption
	Figures     []Figure
	Tables      []*Table
	// Comparison, when the scenario has variants: its tables and charts.
	CompareTables  []*Table
	CompareFigures []Figure
	// Uncertainty, when the scenario has [uncertainty]: the stress test's
	// findings in sentences, tables and charts.
	UncertaintyFindings []string
	UncertaintyTables   []*Table
	UncertaintyFigures  []Figure
	// Sensitivity: the tornado of the headline outcome and the break-even
	// of each cross-purchase, in sentences, with their table and chart.
	SensitivityFindings []string
	SensitivityTables   []*Table
	// A fair deal (report --fair-deal): its header, sentences and table.
	DealHeader         string
	DealFindings       []string
	DealTables         []*Table
	SensitivityFigures []Figure
	Generated          time.Time
	// Provenance: the scenario file, its SHA-256 and regiosim's version,
	// so that a table can tell which run it signs off on; and what each
	// variant changes.
	File, SHA256, Version string
	Variants              []VariantChange
}

// VariantChange is what a variant changes, in words.
type VariantChange struct {
	Code, Name string
	Changes    []string
}

// VariantChanges lists what each variant of a scenario changes: the ids
// it switches off and the values it sets.
func (l Lang) VariantChanges(vs []scenarios.Variant) []VariantChange {
	var out []VariantChange
	for i, v := range vs {
		vc := VariantChange{Code: "V" + strconv.Itoa(i+1), Name: v.Name}
		if v.Description != "" {
			vc.Changes = append(vc.Changes, v.Description)
		}
		for _, id := range v.Disable {
			vc.Changes = append(vc.Changes, l.Tf("variant.disable", l.Name(id)))
		}
		for _, id := range v.Enable {
			vc.Changes = append(vc.Changes, l.Tf("variant.enable", l.Name(id)))
		}
		for _, p := range slices.Sorted(maps.Keys(v.Set)) {
			val := fmt.Sprint(v.Set[p])
			switch x := v.Set[p].(type) {
			case float64:
				val = l.cell(Column{Kind: Precise}, x)
			case string:
				val = l.known("profile."+x, l.known("choice."+x, x))
			}
			vc.Changes = append(vc.Changes, l.Tf("variant.set", l.PathText(p), p, val))
		}
		if len(vc.Changes) == 0 {
			vc.Changes = []string{l.T("variant.nothing")}
		}
		out = append(out, vc)
	}
	return out
}

type htmlCell struct {
	Text    string
	Numeric bool
	Neg     bool
}

type htmlTable struct {
	Name, Title string
	Head        []htmlCell
	Rows        [][]htmlCell
	Notes       []string
	// For print: Wide puts the table on a landscape page; Blocks, when
	// not even that page is wide enough, is the table again in blocks of
	// its columns (years), each repeating the leading text columns.
	Wide   bool
	Blocks []htmlBlock
}

type htmlBlock struct {
	Head []htmlCell
	Rows [][]htmlCell
}

type htmlFigure struct {
	Name, Title string
	SVG         template.HTML
	// Wide: for print, a landscape page, where the chart is drawn larger,
	// because on a portrait page its smallest text would be under 9 pt.
	Wide bool
}

// WriteHTML writes the report as one self-contained HTML file: charts
// inline as SVG, no scripts, no network. Every name from the scenario is
// escaped by html/template.
func (l Lang) WriteHTML(w io.Writer, doc Document) error {
	r := doc.Result
	data := struct {
		Lang, Title, Header, Generated string
		Findings                       []string
		Figures                        []htmlFigure
		Tables                         []htmlTable
		CompareFigures                 []htmlFigure
		CompareTables                  []htmlTable
		UncertaintyFindings            []string
		UncertaintyFigures             []htmlFigure
		UncertaintyTables              []htmlTable
		SensitivityFindings            []string
		SensitivityFigures             []htmlFigure
		SensitivityTables              []htmlTable
		DealHeader                     string
		DealFindings                   []string
		DealTables                     []htmlTable
		Provenance                     string
		Variants                       []VariantChange
		Assumptions                    []AssumptionGroup
		L                              func(string) string
	}{
		Lang: l.Code, Title: l.Title(r), Header: l.Header(r), Findings: l.Findings(r), L: l.T,
	}
	data.Assumptions = l.AssumptionGroups(doc.Assumptions)
	if !doc.Generated.IsZero() {
		data.Generated = doc.Generated.Format("2006-01-02")
	}
	data.Figures = htmlFigures(doc.Figures)
	data.Tables = l.htmlTables(doc.Tables)
	data.CompareFigures = htmlFigures(doc.CompareFigures)
	data.CompareTables = l.htmlTables(doc.CompareTables)
	data.UncertaintyFindings = doc.UncertaintyFindings
	data.UncertaintyFigures = htmlFigures(doc.UncertaintyFigures)
	data.UncertaintyTables = l.htmlTables(doc.UncertaintyTables)
	data.SensitivityFindings = doc.SensitivityFindings
	data.SensitivityFigures = htmlFigures(doc.SensitivityFigures)
	data.SensitivityTables = l.htmlTables(doc.SensitivityTables)
	data.DealHeader, data.DealFindings = doc.DealHeader, doc.DealFindings
	data.DealTables = l.htmlTables(doc.DealTables)
	if doc.File != "" {
		data.Provenance = l.Tf("html.provenance", doc.File, doc.SHA256, doc.Version, data.Generated)
	}
	data.Variants = doc.Variants
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func htmlFigures(figs []Figure) []htmlFigure {
	var out []htmlFigure
	for _, f := range figs {
		out = append(out, htmlFigure{Name: f.Name, Title: f.Title, SVG: inlineSVG(f.SVG), Wide: printsSmall(f.SVG)})
	}
	return out
}

func (l Lang) htmlTables(tables []*Table) []htmlTable {
	var out []htmlTable
	for _, t := range tables {
		ht := htmlTable{Name: t.Name, Title: t.Title, Notes: t.Notes}
		for _, c := range t.Columns {
			ht.Head = append(ht.Head, htmlCell{Text: c.Label, Numeric: c.Kind != Text})
		}
		for _, row := range t.Rows {
			var cells []htmlCell
			for j, c := range t.Columns {
				v, _ := row[j].(float64)
				neg := v < -0.5
				if c.Kind == DeltaPoints {
					neg = v < -0.005
				}
				if c.LowerIsBetter {
					neg = v > 0.5
				}
				cells = append(cells, htmlCell{Text: l.cell(c, row[j]), Numeric: c.Kind != Text, Neg: neg})
			}
			ht.Rows = append(ht.Rows, cells)
		}
		ht.Wide, ht.Blocks = printLayout(ht.Head, ht.Rows)
		out = append(out, ht)
	}
	return out
}

// The printed page (report.html.tmpl: A4, side margins of 12 mm portrait
// and 10 mm landscape, tables in 9 pt with 4 pt of padding each side), in
// points: the width of text in a portrait and a landscape page, less the
// borders. printWidth errs on the wide side (a word may break at a hyphen;
// most letters are narrower than it counts).
const (
	portraitWidth  = 186 * 72 / 25.4
	printPortrait  = portraitWidth - 2
	printLandscape = 277*72/25.4 - 2
)

var (
	svgViewBox  = regexp.MustCompile(`viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"`)
	svgFontSize = regexp.MustCompile(`font-size:\s*([0-9.]+)`)
)

// printsSmall says whether a chart's smallest text would print under 9 pt
// on a portrait page, where the chart takes the page's width (its font
// sizes are in the units of its viewBox).
func printsSmall(svg []byte) bool {
	vb := svgViewBox.FindSubmatch(svg)
	if vb == nil {
		return false
	}
	width, err := strconv.ParseFloat(string(vb[1]), 64)
	if err != nil || width <= 0 {
		return false
	}
	for _, m := range svgFontSize.FindAllSubmatch(svg, -1) {
		if size, err := strconv.ParseFloat(string(m[1]), 64); err == nil && size*portraitWidth/width < 9 {
			return true
		}
	}
	return false
}

// printWidth estimates the narrowest a printed column can be, in points:
// its widest word (a number does not wrap) in 9 pt Liberation Sans, the
// header's in bold, plus the padding.
func printWidth(head htmlCell, rows [][]htmlCell, j int) float64 {
	widest := 0.0
	measure := func(c htmlCell, bold float64) {
		words := []string{c.Text}
		if !c.Numeric {
			words = strings.Fields(c.Text)
		}
		for _, w := range words {
			em := 0.0
			for _, r := range w {
				em += glyphWidth(r)
			}
			widest = max(widest, em*bold)
		}
	}
	measure(htmlCell{Text: head.Text}, 1.1)
	for _, r := range rows {
		measure(r[j], 1)
	}
	return widest*9 + 8
}

// glyphWidth is the advance of a character in Liberation Sans (Arial's
// metrics), in em, rounded up by class.
func glyphWidth(r rune) float64 {
	switch {
	case strings.ContainsRune("ijl", r):
		return 0.23
	case strings.ContainsRune(" .,:;!'/|ftIr-()[]", r):
		return 0.34
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z', strings.ContainsRune("€$_#?+=<>~", r):
		if r == 'm' || r == 'w' {
			return 0.84
		}
		return 0.56
	case strings.ContainsRune("%MW", r):
		return 0.95
	default:
		return 0.73 // capitals, Greek, the rest
	}
}

// printLayout says how a table prints: on a portrait page when it fits,
// else on a landscape page (wide), and when even that is too narrow, in
// blocks of columns that each fit one, every block repeating the leading
// text columns (the party, the initiative) so that each reads alone.
func printLayout(head []htmlCell, rows [][]htmlCell) (wide bool, blocks []htmlBlock) {
	widths := make([]float64, len(head))
	total := 0.0
	for j := range head {
		widths[j] = printWidth(head[j], rows, j)
		total += widths[j]
	}
	if total <= printPortrait {
		return false, nil
	}
	if total <= printLandscape {
		return true, nil
	}
	keys := 0
	for keys < len(head)-1 && !head[keys].Numeric {
		keys++
	}
	keys = max(keys, 1)
	room := printLandscape
	for _, w := range widths[:keys] {
		room -= w
	}
	// As few blocks as fit, of equal counts of columns.
	rest := len(head) - keys
	for n := 2; n <= rest; n++ {
		size := (rest + n - 1) / n
		fits := true
		for from := keys; from < len(head); from += size {
			sum := 0.0
			for _, w := range widths[from:min(from+size, len(head))] {
				sum += w
			}
			fits = fits && sum <= room
		}
		if !fits {
			continue
		}
		for from := keys; from < len(head); from += size {
			cols := append(seq(0, keys), seq(from, min(from+size, len(head)))...)
			b := htmlBlock{Head: pick(head, cols)}
			for _, r := range rows {
				b.Rows = append(b.Rows, pick(r, cols))
			}
			blocks = append(blocks, b)
		}
		return true, blocks
	}
	return true, nil // one column per block would not fit either: print it as it is
}

func seq(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func pick(cells []htmlCell, cols []int) []htmlCell {
	out := make([]htmlCell, len(cols))
	for i, j := range cols {
		out[i] = cells[j]
	}
	return out
}

// inlineSVG strips the XML prolog of a chart so that it can stand inside
// HTML. The SVG comes from gonum/plot, which escapes all text it draws.
func inlineSVG(svg []byte) template.HTML {
	s := string(svg)
	if i := strings.Index(s, "<svg"); i > 0 {
		s = s[i:]
	}
	return template.HTML(s) // #nosec: generated by gonum/plot, text escaped there
}
