package main

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
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
