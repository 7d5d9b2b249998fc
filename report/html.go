package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

//go:embed report.html.tmpl
var htmlFS embed.FS

var htmlTemplate = template.Must(template.New("report.html.tmpl").ParseFS(htmlFS, "report.html.tmpl"))

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
	SensitivityFigures  []Figure
	Generated           time.Time
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
			vc.Changes = append(vc.Changes, l.Tf("variant.disable", id))
		}
		for _, p := range slices.Sorted(maps.Keys(v.Set)) {
			val := fmt.Sprint(v.Set[p])
			if f, ok := v.Set[p].(float64); ok {
				val = l.cell(Column{Kind: Precise}, f)
			}
			vc.Changes = append(vc.Changes, l.Tf("variant.set", p, val))
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
}

type htmlFigure struct {
	Name, Title string
	SVG         template.HTML
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
		Provenance                     string
		Variants                       []VariantChange
		Assumptions                    [][3]string
		L                              func(string) string
	}{
		Lang: l.Code, Title: l.Title(r), Header: l.Header(r), Findings: l.Findings(r), L: l.T,
	}
	for _, a := range doc.Assumptions {
		data.Assumptions = append(data.Assumptions, [3]string{l.AssumptionItem(a), a.Key, a.Value})
	}
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
		out = append(out, htmlFigure{Name: f.Name, Title: f.Title, SVG: inlineSVG(f.SVG)})
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
		out = append(out, ht)
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
