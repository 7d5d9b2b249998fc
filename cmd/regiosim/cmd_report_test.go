package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	htmlpkg "html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"
)

// writeReport runs `regiosim report` into a fresh directory and returns it.
func writeReport(t *testing.T, args ...string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	mustRun(t, append([]string{"report", "-o", dir}, args...)...)
	return dir
}

func TestReportFiles(t *testing.T) {
	dir := writeReport(t)
	for _, f := range []string{"report.html", "regiosim.xlsx", "charts/funding.svg", "charts/funding.png",
		"charts/net_position.svg", "charts/wrong_pocket.svg", "tables/parties.csv", "tables/wrong_pocket.csv",
		// The example has variants: the comparison comes along.
		"charts/compare_net.svg", "charts/compare_gap.png", "tables/compare_options.csv"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", f, err)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	for _, want := range []string{"<svg", "Key findings", "Regio Voorbeeld", "Assumptions", "Options side by side", "Lineaire afbouw"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// Self-contained: no scripts, nothing fetched from elsewhere (the SVG
	// namespace URI names, it does not fetch).
	for _, bad := range []string{"<script", `src="http`, `href="http`, "url(http", "@import"} {
		if strings.Contains(string(html), bad) {
			t.Errorf("report.html contains %q", bad)
		}
	}
}

func TestReportDutch(t *testing.T) {
	dir := writeReport(t, "--lang", "nl")
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	for _, want := range []string{`lang="nl"`, "Belangrijkste bevindingen", "€ "} {
		if !strings.Contains(string(html), want) {
			t.Errorf("Dutch report lacks %q", want)
		}
	}
}

// TestReportWorkbookMatchesCSV reopens the workbook and compares every
// number of the parties and party_net sheets with the CSV tables, which
// hold euros to the cent.
func TestReportWorkbookMatchesCSV(t *testing.T) {
	dir := writeReport(t)
	wb, err := excelize.OpenFile(filepath.Join(dir, "regiosim.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	for _, sheet := range []string{"parties", "party_net", "initiatives", "wrong_pocket", "compare_options", "compare_net"} {
		f, err := os.Open(filepath.Join(dir, "tables", sheet+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		got, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("sheet %s: %v", sheet, err)
		}
		if len(got) != len(want) {
			t.Fatalf("sheet %s: %d rows, CSV %d", sheet, len(got), len(want))
		}
		numbers := 0
		for i := 1; i < len(want); i++ {
			for j, w := range want[i] {
				wv, err1 := strconv.ParseFloat(w, 64)
				if err1 != nil || j >= len(got[i]) {
					continue
				}
				gv, err2 := strconv.ParseFloat(got[i][j], 64)
				if err2 != nil || math.Abs(gv-wv) > 0.0051 { // the CSV rounds to the cent
					t.Errorf("sheet %s row %d col %d: workbook %q, CSV %q", sheet, i, j, got[i][j], w)
				}
				numbers++
			}
		}
		if numbers == 0 {
			t.Errorf("sheet %s: no numbers compared", sheet)
		}
	}
	if rows, err := wb.GetRows("assumptions"); err != nil || len(rows) < 10 {
		t.Errorf("assumptions sheet: %d rows, %v", len(rows), err)
	}
	panes, err := wb.GetPanes("parties")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("parties: header row not frozen: %+v %v", panes, err)
	}
}

// hostile is the small example with a party whose name is markup.
func hostile(t *testing.T) string {
	src := strings.Replace(exampleSource(t, "small"), `name = "Gemeente Klein"`, `name = "<script>alert(1)</script>"`, 1)
	src = strings.Replace(src, `name = "Kleine regio"`, `name = "Regio <b>&amp;</b>"`, 1)
	f := filepath.Join(t.TempDir(), "hostile.toml")
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestReportWithoutVariants(t *testing.T) {
	dir := writeReport(t, "--example", "small")
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if strings.Contains(string(html), "Options side by side") {
		t.Errorf("a scenario without variants has a comparison section")
	}
	if _, err := os.Stat(filepath.Join(dir, "charts", "compare_net.svg")); err == nil {
		t.Errorf("a scenario without variants has comparison charts")
	}
}

func TestReportEscapesNames(t *testing.T) {
	dir := writeReport(t, hostile(t))
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if strings.Contains(string(html), "<script>alert(1)") || strings.Contains(string(html), "<b>&amp;</b>") {
		t.Errorf("a name from the scenario is not escaped")
	}
	if !strings.Contains(string(html), "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the escaped party name is missing")
	}
}

func TestReportNothingHalfWritten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("[region]\nfirst_year = 2026\nhorizon = 0\n"), 0o644)
	if r := runCLI(t, "report", bad, "-o", dir); r.code != exitInput {
		t.Errorf("exit %d, want 2", r.code)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed report", dir)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".regiosim-") {
			t.Errorf("temporary directory %s left behind", e.Name())
		}
	}
}

// chromium finds the browser; outside CI a missing browser skips the test
// with a message, in CI (CI=true) it fails.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found; .ci/run installs the Debian package chromium")
	}
	t.Skip("skipped: no Chromium on this machine (apt-get install chromium); in CI this test runs")
	return ""
}

// TestReportInBrowser opens report.html in headless Chromium: no console
// errors, every chart has a rendered size, and a screenshot is kept in the
// test's temporary directory.
func TestReportInBrowser(t *testing.T) {
	exe := chromium(t)
	dir := writeReport(t, hostile(t))
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1200, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	// Subscribe to the console before the page loads (this starts the
	// browser), and collect what it says while the page is used.
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleType("error") || m.Type == chromedp.ConsoleType("warning") {
				mu.Lock()
				problems = append(problems, m.String())
				mu.Unlock()
			}
		}
	}()
	step, cancelStep := context.WithTimeout(ctx, 60*time.Second)
	defer cancelStep()
	if err := chromedp.Do(step, chromedp.Navigate("file://"+filepath.Join(dir, "report.html")), chromedp.WaitReady(chromedp.CSS("footer"))); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	title, err := chromedp.Run(step, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	sizes, err := chromedp.Run(step, chromedp.Evaluate[[]map[string]float64](`Array.from(document.querySelectorAll("figure.chart svg")).map(s => {
		const r = s.getBoundingClientRect(); return {w: r.width, h: r.height}; })`))
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(step, chromedp.FullScreenshot(80))
	if err != nil {
		t.Fatal(err)
	}
	// In a narrow window a wide table scrolls in its own box, not the
	// page, and its first column stays (sticky, on a background of its own).
	if err := chromedp.Do(step, chromedp.EmulateViewport(640, 900)); err != nil {
		t.Fatal(err)
	}
	wide, err := chromedp.Run(step, chromedp.Evaluate[map[string]any](`(() => {
		const wraps = Array.from(document.querySelectorAll(".table-wrap"));
		const first = getComputedStyle(document.querySelector(".table-wrap td:first-child"));
		return {page: document.documentElement.scrollWidth - window.innerWidth,
			scrolling: wraps.filter(w => getComputedStyle(w).overflowX == "auto" && w.scrollWidth > w.clientWidth).length,
			position: first.position, left: first.left, background: first.backgroundColor};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if wide["page"].(float64) > 0 || wide["scrolling"].(float64) == 0 || wide["position"] != "sticky" || wide["left"] != "0px" ||
		wide["background"] == "rgba(0, 0, 0, 0)" {
		t.Errorf("wide tables on screen: %v; want the page not wider than the window, some tables scrolling in their box, the first column sticky at left 0 on a background", wide)
	}
	time.Sleep(200 * time.Millisecond) // let late console messages arrive
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if len(problems) > 0 {
		t.Errorf("console errors: %v", problems)
	}
	if len(sizes) < 5 {
		t.Errorf("%d charts rendered, want at least 5", len(sizes))
	}
	for i, s := range sizes {
		if s["w"] <= 0 || s["h"] <= 0 {
			t.Errorf("chart %d has no rendered size: %v", i, s)
		}
	}
	if !strings.Contains(title, "Regio <b>&amp;</b>") {
		t.Errorf("title %q: the region's name should show as text", title)
	}
	shotFile := filepath.Join(t.TempDir(), "report.jpg")
	if err := os.WriteFile(shotFile, shot, 0o644); err != nil || len(shot) == 0 {
		t.Errorf("screenshot: %v", err)
	}
	t.Logf("screenshot: %s", shotFile)
}

// poppler finds a tool of poppler-utils (pdftotext, pdffonts) by the rule
// of chromium: outside CI a missing tool skips the test, in CI it fails.
func poppler(t *testing.T, name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("no %s found; .ci/run installs the Debian package poppler-utils", name)
	}
	t.Skipf("skipped: no %s on this machine (apt-get install poppler-utils); in CI this test runs", name)
	return ""
}

// printToPDF prints an HTML file as a reader's browser would: headless
// Chromium, the page size and margins from the file's @page rules, no
// header or footer.
func printToPDF(t *testing.T, exe, html string) string {
	t.Helper()
	pdf := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(html), ".html")+".pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+t.TempDir(), "--no-first-run", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--print-to-pdf="+pdf, "file://"+html).CombinedOutput()
	if fi, errStat := os.Stat(pdf); err != nil || errStat != nil || fi.Size() == 0 {
		t.Fatalf("chromium --print-to-pdf: %v %v\n%s", err, errStat, out)
	}
	return pdf
}

// A word of a PDF as pdftotext -bbox-layout places it, in points from the
// page's top left corner. Vertical: its line runs up the page (a chart's
// rotated axis label), so its height is along its width.
type pdfWord struct {
	XMin     float64 `xml:"xMin,attr"`
	YMin     float64 `xml:"yMin,attr"`
	XMax     float64 `xml:"xMax,attr"`
	YMax     float64 `xml:"yMax,attr"`
	Text     string  `xml:",chardata"`
	vertical bool
}

// across is the word's extent across its baseline: pdftotext makes it
// the font size times the font's ascent plus descent.
func (w pdfWord) across() float64 {
	if w.vertical {
		return w.XMax - w.XMin
	}
	return w.YMax - w.YMin
}

type pdfPage struct {
	Width, Height float64
	Lines         [][]pdfWord
}

// pdfLayout reads every word of a PDF with its box, page by page.
func pdfLayout(t *testing.T, pdftotext, pdf string) []pdfPage {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox-layout: %v", err)
	}
	var pages []pdfPage
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("pdftotext -bbox-layout output: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			var p pdfPage
			for _, a := range se.Attr {
				v, _ := strconv.ParseFloat(a.Value, 64)
				switch a.Name.Local {
				case "width":
					p.Width = v
				case "height":
					p.Height = v
				}
			}
			pages = append(pages, p)
		case "line":
			p := &pages[len(pages)-1]
			p.Lines = append(p.Lines, nil)
		case "word":
			var w pdfWord
			if err := d.DecodeElement(&w, &se); err != nil {
				t.Fatal(err)
			}
			p := &pages[len(pages)-1]
			p.Lines[len(p.Lines)-1] = append(p.Lines[len(p.Lines)-1], w)
		}
	}
	// A line of several words one above the other, all at the same x, runs
	// up the page. (A rotated line of one word cannot be told from an
	// upright one; it is measured along its length, never shorter than a
	// letter of two.)
	for _, p := range pages {
		for _, line := range p.Lines {
			vertical := len(line) > 1
			for _, w := range line[1:] {
				vertical = vertical && math.Abs(w.XMin-line[0].XMin) < 0.01 && math.Abs(w.XMax-line[0].XMax) < 0.01
			}
			for i := range line {
				line[i].vertical = vertical
			}
		}
	}
	if len(pages) == 0 {
		t.Fatal("pdftotext found no page")
	}
	return pages
}

// pointsPerAcross measures how pdftotext's word height maps to the font
// size: it prints a page of 9 pt text, upright and bold, in the report's
// font, and divides the words' height by 9. (For Liberation Sans that is
// its ascent plus descent, 0.905 + 0.212 em: 9 pt text is 10.05 pt high.)
func pointsPerAcross(t *testing.T, exe, pdftotext string) float64 {
	t.Helper()
	f := filepath.Join(t.TempDir(), "calibration.html")
	os.WriteFile(f, []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 9pt; }
@page { size: A4; margin: 15mm; }</style></head>
<body><p>Calibration €1,234,567 party_net</p><p><b>Bold 2026 (PV)</b></p></body></html>`), 0o644)
	var heights []float64
	for _, line := range pdfLayout(t, pdftotext, printToPDF(t, exe, f))[0].Lines {
		for _, w := range line {
			heights = append(heights, w.across())
		}
	}
	if len(heights) != 6 {
		t.Fatalf("calibration: %d words, want 6", len(heights))
	}
	for _, h := range heights[1:] {
		if math.Abs(h-heights[0]) > 0.01 {
			t.Fatalf("calibration: words of one size have heights %v", heights)
		}
	}
	ratio := heights[0] / 9
	if ratio < 0.8 || ratio > 1.5 {
		t.Fatalf("calibration: 9 pt text is %.2f pt high", heights[0])
	}
	return ratio
}

// largestChartPrint is the size at which the smallest label of the
// report's charts prints when its chart takes the whole width of a
// landscape A4 page (report.html.tmpl: 10 mm margins, 277 mm): the most
// the page can do for it. Font sizes are in the units of the viewBox.
func largestChartPrint(t *testing.T, dir string) (float64, string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "charts", "*.svg"))
	if len(files) == 0 {
		t.Fatal("no charts/*.svg")
	}
	viewBox := regexp.MustCompile(`viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"`)
	fontSize := regexp.MustCompile(`font-size:\s*([0-9.]+)`)
	best, chart := math.Inf(1), ""
	for _, f := range files {
		svg, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		vb := viewBox.FindSubmatch(svg)
		if vb == nil {
			t.Fatalf("%s: no viewBox", f)
		}
		width, _ := strconv.ParseFloat(string(vb[1]), 64)
		for _, m := range fontSize.FindAllSubmatch(svg, -1) {
			size, _ := strconv.ParseFloat(string(m[1]), 64)
			if pt := size * (277 * 72 / 25.4) / width; pt < best {
				best, chart = pt, filepath.Base(f)
			}
		}
	}
	return best, chart
}

// TestReportPrintsOnA4 prints report.html to PDF with Chromium and reads it
// back with poppler: every page A4 (portrait, or landscape for wide tables
// and heat maps), no text under 9 pt, no word off its page, every table
// header there (nothing clipped), no page ending on a heading, the fonts
// embedded. Also in Dutch, whose labels are longer, and over 30 years,
// where the tables of a column per year print in blocks of years.
func TestReportPrintsOnA4(t *testing.T) {
	exe := chromium(t)
	pdftotext := poppler(t, "pdftotext")
	pdffonts := poppler(t, "pdffonts")
	ratio := pointsPerAcross(t, exe, pdftotext)
	long := filepath.Join(t.TempDir(), "long.toml")
	src := exampleSource(t, "realistic")
	if !strings.Contains(src, "\nhorizon = 10 ") {
		t.Fatal("the realistic example's horizon is no longer 10 years")
	}
	os.WriteFile(long, []byte(strings.Replace(src, "\nhorizon = 10 ", "\nhorizon = 30 ", 1)), 0o644)
	// strict: the report must print no text under 9 pt, charts included.
	// Without strict, a chart whose labels plots drew too small to print
	// at 9 pt even across a landscape page is printed there, as large as
	// A4 allows, and the test says so (for scenarios where that is known).
	for _, c := range []struct {
		name   string
		args   []string
		strict bool
	}{
		{"example", nil, true},
		{"example_nl", []string{"--lang", "nl"}, true},
		{"30_years", []string{long}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeReport(t, c.args...)
			html := filepath.Join(dir, "report.html")
			src, err := os.ReadFile(html)
			if err != nil {
				t.Fatal(err)
			}
			if c.name == "30_years" && !strings.Contains(string(src), `class="print-blocks"`) {
				t.Errorf("over 30 years no table prints in blocks of years")
			}
			pdf := printToPDF(t, exe, html)
			pages := pdfLayout(t, pdftotext, pdf)

			smallest, smallestWord, landscape := math.Inf(1), "", 0
			words := map[string]bool{}
			for i, p := range pages {
				switch {
				case math.Abs(p.Width-595.28) < 1 && math.Abs(p.Height-841.89) < 1:
				case math.Abs(p.Width-841.89) < 1 && math.Abs(p.Height-595.28) < 1:
					landscape++
				default:
					t.Errorf("page %d is %.1f × %.1f pt, not A4", i+1, p.Width, p.Height)
				}
				for _, line := range p.Lines {
					for _, w := range line {
						words[w.Text] = true
						if size := w.across() / ratio; size < smallest {
							smallest, smallestWord = size, fmt.Sprintf("%q on page %d", w.Text, i+1)
						}
						if w.XMin < 0 || w.YMin < 0 || w.XMax > p.Width || w.YMax > p.Height {
							t.Errorf("page %d: %q lies off the page (%.1f,%.1f)–(%.1f,%.1f) on %.1f × %.1f",
								i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax, p.Width, p.Height)
						}
					}
				}
			}
			t.Logf("%d pages, %d landscape; smallest text %.2f pt (%s)", len(pages), landscape, smallest, smallestWord)
			// The heights are exact to the PDF's rounding: 0.02 pt of slack.
			want := 9.0
			if best, chart := largestChartPrint(t, dir); best < 9 {
				if c.strict {
					t.Errorf("chart %s: its smallest label prints at %.2f pt at most, across a landscape page; plots must draw it larger", chart, best)
				} else {
					t.Logf("NOTE chart %s: its smallest label prints at %.2f pt at most, across a landscape page; plots should draw it larger", chart, best)
					want = best
				}
			}
			if smallest < want-0.02 {
				t.Errorf("smallest text is %.2f pt (%s), want at least %.2f pt", smallest, smallestWord, want)
			}
			if landscape == 0 {
				t.Errorf("no landscape page: the wide tables print on portrait pages")
			}

			// Nothing clipped: every word of every table header and heading
			// is in the PDF (a word cut by the page's edge would be lost or
			// broken).
			tags := regexp.MustCompile(`<(th|h2|h3)[^>]*>([^<]*)</`)
			headings := map[string]bool{}
			for _, m := range tags.FindAllStringSubmatch(string(src), -1) {
				text := htmlpkg.UnescapeString(m[2])
				if m[1] != "th" {
					headings[strings.Join(strings.Fields(text), " ")] = true
				}
				for _, w := range strings.Fields(text) {
					if !words[w] {
						t.Errorf("%q (of %s %q) is not in the PDF", w, m[1], text)
					}
				}
			}
			// No page ends on a heading: its last line (lowest on the page)
			// is not one.
			for i, p := range pages {
				var last []pdfWord
				for _, line := range p.Lines {
					if last == nil || line[0].YMin > last[0].YMin {
						last = line
					}
				}
				var text []string
				for _, w := range last {
					text = append(text, w.Text)
				}
				if headings[strings.Join(text, " ")] && i < len(pages)-1 {
					t.Errorf("page %d ends on the heading %q", i+1, strings.Join(text, " "))
				}
			}

			out, err := exec.Command(pdffonts, pdf).Output()
			if err != nil {
				t.Fatalf("pdffonts: %v", err)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", out)
			}
			for _, l := range lines[2:] {
				// name, type, encoding, then emb sub uni object ID.
				if f := strings.Fields(l); len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", l)
				}
			}
		})
	}
}
