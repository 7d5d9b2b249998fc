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
	"page.now":       {"these settings", "deze instellingen"},
	"page.off_file":  {"off in the file", "uit in het bestand"},
	"page.saved":     {"saved: %s, with the variant \"%s\"", "bewaard: %s, met de variant \"%s\""},
	"page.bad_name":  {"not saved: give the variant a name of up to 80 characters, without quotes", "niet bewaard: geef de variant een naam van hoogstens 80 tekens, zonder aanhalingstekens"},
	"page.bad_file":  {"not saved: give a plain new file name ending in .toml, such as region-with-deal.toml (no folders)", "niet bewaard: geef een gewone nieuwe bestandsnaam die eindigt op .toml, zoals regio-met-afspraak.toml (geen mappen)"},
	"page.is_self":   {"not saved: that is the scenario itself; give a new name", "niet bewaard: dat is het scenario zelf; geef een nieuwe naam"},
	"page.exists":    {"not saved: %s exists already; give a new name", "niet bewaard: %s bestaat al; geef een nieuwe naam"},
	"page.not_saved": {"not saved: %s", "niet bewaard: %s"},
	"page.refused":   {"refused: this request comes from a page at %s, not from this server's own page at %s; open http://%s/ and save there", "geweigerd: dit verzoek komt van een pagina op %s, niet van de eigen pagina van deze server op %s; open http://%s/ en bewaar daar"},
	"page.bad_host":  {"refused: %s is not this computer's address; the server listens on the loopback address only: open http://%s/", "geweigerd: %s is niet het adres van deze computer; de server luistert alleen op het loopbackadres: open http://%s/"},
	"page.method":    {"%s is not possible here; use %s", "%s kan hier niet; gebruik %s"},
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
	FileText         string // the file's value as a person reads it (Dutch: 0,0225; 1.500.000)
	Min, Max, Step   string
	Options          []Option // for a word (a phase-out's profile)
	Changed          bool
}

// Option is one word a control can take: the value sent and what a
// person reads.
type Option struct {
	Value, Label string
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
