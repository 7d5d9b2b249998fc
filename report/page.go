package report

import (
	"bytes"
	"html/template"
	"io"
)

var pageLabels = map[string][2]string{
	"page.title":     {"What if: %s", "Wat als: %s"},
	"page.controls":  {"The table's numbers", "De getallen van de tafel"},
	"page.presets":   {"Options of the file", "Opties uit het bestand"},
	"page.base":      {"the file as it is", "het bestand zoals het is"},
	"page.on":        {"on", "aan"},
	"page.apply":     {"Show", "Toon"},
	"page.reset":     {"Back to the file", "Terug naar het bestand"},
	"page.save":      {"Save as variant", "Bewaar als variant"},
	"page.save_name": {"variant name", "naam van de variant"},
	"page.save_file": {"new file (in the scenario's folder)", "nieuw bestand (in de map van het scenario)"},
	"page.download":  {"Download the report", "Download het rapport"},
	"page.workbook":  {"Download the workbook", "Download de werkmap"},
	"page.results":   {"What it does", "Wat het doet"},
	"page.vs_base":   {"Against the file's base case", "Tegen het basisscenario van het bestand"},
	"page.problem":   {"Not possible", "Niet mogelijk"},
	"page.link":      {"This page's address keeps the settings: share it to show the same view.", "Het adres van deze pagina bewaart de instellingen: deel het om hetzelfde te laten zien."},
	"page.file":      {"file value", "waarde in het bestand"},
}

func init() {
	for k, v := range pageLabels {
		if _, dup := labels[k]; dup {
			panic("report: duplicate label " + k)
		}
		labels[k] = v
	}
}

// Control is one number or word of the page: the path it sets, what a
// person reads, its range and the value shown.
type Control struct {
	Path, Label      string
	Value, FileValue string
	Min, Max, Step   string
	Options          []string // for a word (a phase-out's profile)
	Changed          bool
}

// Switch turns an instrument on or off.
type Switch struct {
	ID, Label string
	On        bool
}

// Preset is a variant of the file, as a link.
type Preset struct {
	Name, Href string
}

// Page is what the what-if page shows.
type Page struct {
	Scenario, Header, Query, Lang, OtherLang, OtherQuery string
	Controls                                             []Control
	Switches                                             []Switch
	Presets                                              []Preset
	Problems                                             []string
	Findings                                             []string
	Figures                                              []Figure
	Tables, Compare                                      []*Table
	SaveMessage                                          string
	// Partial: only the results (the page's script swaps them in).
	Partial bool
}

// WritePage writes the what-if page (or, Partial, its results only).
func (l Lang) WritePage(w io.Writer, p Page) error {
	data := struct {
		Page
		FiguresHTML         []htmlFigure
		TablesHTML, CmpHTML []htmlTable
		L                   func(string) string
		Title               string
		// The addresses with the settings, whole, so that the template
		// does not escape their query.
		LangHref, ReportHref, WorkbookHref, SaveAction template.URL
	}{LangHref: template.URL("/?" + p.OtherQuery), ReportHref: template.URL("/download/report.html?" + p.Query),
		WorkbookHref: template.URL("/download/regiosim.xlsx?" + p.Query), SaveAction: template.URL("/save?" + p.Query), Page: p, FiguresHTML: htmlFigures(p.Figures), TablesHTML: l.htmlTables(p.Tables), CmpHTML: l.htmlTables(p.Compare), L: l.T,
		Title: l.Tf("page.title", p.Scenario)}
	name := "page.html.tmpl"
	if p.Partial {
		name = "results"
	}
	var b bytes.Buffer
	if err := pageTemplate.ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

var pageTemplate = template.Must(template.Must(htmlTemplate.Clone()).ParseFS(htmlFS, "page.html.tmpl"))
