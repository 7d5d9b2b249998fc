package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	stdhtml "html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/xuri/excelize/v2"
)

// TestStressSameWhateverTheWorkers: the terminal summary and every file of
// -o (tables, the draws file, the charts) are the same byte for byte with
// 1, 2 and 7 workers.
func TestStressSameWhateverTheWorkers(t *testing.T) {
	var first string
	var firstFiles map[string][]byte
	for _, w := range []string{"1", "2", "7"} {
		out := mustRun(t, "stress", "--draws", "700", "--workers", w, "--format", "csv")
		dir := filepath.Join(t.TempDir(), "out")
		mustRun(t, "stress", "--draws", "700", "--workers", w, "-o", dir, "--draws-csv")
		files := map[string][]byte{}
		filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				b, _ := os.ReadFile(p)
				files[strings.TrimPrefix(p, dir)] = b
			}
			return nil
		})
		if first == "" {
			first, firstFiles = out, files
			if len(files) < 10 {
				t.Fatalf("-o wrote %d files", len(files))
			}
			continue
		}
		if out != first {
			t.Errorf("%s workers: the summary differs from 1 worker's", w)
		}
		for name, b := range firstFiles {
			if !bytes.Equal(b, files[name]) {
				t.Errorf("%s workers: %s differs", w, name)
			}
		}
	}
}

// TestStressDrawsParquet: the draws file has one row per draw and a
// column per param and outcome, readable by any Parquet reader (here
// parquet-go's).
func TestStressDrawsParquet(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	mustRun(t, "stress", "--draws", "300", "-o", dir)
	f, err := os.Open(filepath.Join(dir, "draws.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	pf, err := parquet.OpenFile(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	if pf.NumRows() != 300 {
		t.Errorf("%d rows, want 300", pf.NumRows())
	}
	cols := map[string]bool{}
	for _, c := range pf.Schema().Fields() {
		cols[c.Name()] = true
	}
	for _, want := range []string{"draw", "initiative.valpreventie.savings_scale", "party.zv-a.net_pv", "purchase.kruis-zv-a.closes"} {
		if !cols[want] {
			t.Errorf("no column %s", want)
		}
	}
}

func TestStressJSONAndDutch(t *testing.T) {
	var res struct {
		Draws  int
		Events []struct {
			Kind, Subject string
			P, SE         float64
		}
		Outcomes []struct {
			Name          string
			P10, P50, P90 float64
		}
		EVPI []struct{ Purchase string }
	}
	if err := json.Unmarshal([]byte(mustRun(t, "stress", "--draws", "400", "--format", "json", "--outcome", "party.*.net_pv")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Draws != 400 || len(res.Events) == 0 || len(res.EVPI) != 2 {
		t.Errorf("draws %d, %d events, %d EVPI", res.Draws, len(res.Events), len(res.EVPI))
	}
	for _, o := range res.Outcomes {
		if !strings.HasPrefix(o.Name, "party.") || !strings.HasSuffix(o.Name, ".net_pv") {
			t.Errorf("--outcome party.*.net_pv let %s through", o.Name)
		}
		if !(o.P10 <= o.P50 && o.P50 <= o.P90) {
			t.Errorf("%s: P10 %v, P50 %v, P90 %v out of order", o.Name, o.P10, o.P50, o.P90)
		}
	}
	nl := mustRun(t, "stress", "--draws", "200", "--lang", "nl")
	for _, want := range []string{"Stresstest van Regio Voorbeeld", "trekkingen", "gaat erop achteruit"} {
		if !strings.Contains(nl, want) {
			t.Errorf("Dutch output lacks %q", want)
		}
	}
}

func TestStressAllOptions(t *testing.T) {
	out := mustRun(t, "stress", "--draws", "200", "--all-options")
	for _, want := range []string{"Options under uncertainty", "Lineaire afbouw", "Kruis-inkoop valpreventie door Zorgverzekeraar A closes"} {
		if !strings.Contains(out, want) {
			t.Errorf("--all-options output lacks %q", want)
		}
	}
}

func TestStressBadInput(t *testing.T) {
	noUnc := filepath.Join(t.TempDir(), "r.toml")
	os.WriteFile(noUnc, []byte("[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n"), 0o644)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"stress", "--draws", "0"}, "--draws 0"},
		{[]string{"stress", "--draws", "10000001"}, "--draws 10000001"},
		{[]string{"stress", "--workers", "0"}, "--workers 0"},
		{[]string{"stress", "--outcome", "party.*.net_pvv"}, `did you mean`},
		{[]string{"stress", "--chart", "region.gap"}, "no such outcome"},
		{[]string{"stress", noUnc}, "names no uncertain values"},
	}
	for _, c := range cases {
		r := runCLI(t, c.args...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestReportUncertaintySection: a scenario with [uncertainty] gets the
// stress test in its report (sentences, tables, charts) and workbook.
func TestReportUncertaintySection(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	mustRun(t, "report", "-o", dir)
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Under uncertainty: the stress test", "of the draws Kruis-inkoop valpreventie door Zorgverzekeraar A closes", `id="chart-chances"`, `id="table-stress_events"`, "Sensitivity and break-even", "closes from a savings scale of", `id="chart-tornado"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	for _, f := range []string{"tables/stress_events.csv", "tables/stress_drivers.csv", "charts/drivers.svg", "charts/wrong_pocket_p50.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("no %s", f)
		}
	}
	x, err := excelize.OpenFile(filepath.Join(dir, "regiosim.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if idx, _ := x.GetSheetIndex("stress_events"); idx < 0 {
		t.Errorf("the workbook has no stress_events sheet: %v", x.GetSheetList())
	}
}

// TestReportTraceable: the report names the scenario file, its SHA-256
// (here of the built-in example's text), regiosim's version and what each
// variant changes.
func TestReportTraceable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "rep")
	mustRun(t, "report", "-o", dir)
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	src, _ := scenarios.ExampleSource("realistic")
	sum := sha256.Sum256(src)
	for _, want := range []string{"Scenario file builtin:realistic (SHA-256 " + hex.EncodeToString(sum[:]) + ") · regiosim " + version(),
		"switches off Plus-inkoop huisartsenzorg; sets rate of Regio-portemonnee (instrument.portemonnee.rate) to 0.0005"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
}

// TestReportSentencesUseNames: the report's sentences, headers, table
// titles and chart labels name parties, initiatives and instruments; a
// path or an id shows only in parentheses, to trace it to the file.
func TestReportSentencesUseNames(t *testing.T) {
	for _, lang := range []string{"en", "nl"} {
		dir := filepath.Join(t.TempDir(), "rep")
		mustRun(t, "report", "-o", dir, "--lang", lang)
		page, err := os.ReadFile(filepath.Join(dir, "report.html"))
		if err != nil {
			t.Fatal(err)
		}
		body := string(page)
		body = body[:strings.Index(body, `class="assumptions"`)]
		var texts []string
		for _, re := range []string{`(?s)<li>(.*?)</li>`, `aria-label="(.*?)"`, `(?s)<h3>(.*?)</h3>`, `(?s)<p class="sub">(.*?)</p>`, `(?s)<text[^>]*>(.*?)</text>`} {
			for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(body, -1) {
				texts = append(texts, stdhtml.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], "")))
			}
		}
		if len(texts) < 50 {
			t.Fatalf("%s: only %d texts found in the report", lang, len(texts))
		}
		inParens := regexp.MustCompile(`\([^()]*\)`)
		path := regexp.MustCompile(`\b(party|initiative|instrument|purchase|wallet|surcharge|phase_out|region)\.[\w-]+`)
		// Ids of the built-in example that no name contains.
		ids := regexp.MustCompile(`(^|[^\w-])(zv-a|zv-b|kruis-zv-a|kruis-zk|huisarts-sociaal|afbouw-legacy|legacy-ziekenhuis|plus-huisartsen|vvt-a|vvt-b)([^\w-]|$)`)
		for _, text := range texts {
			bare := inParens.ReplaceAllString(text, "")
			if m := path.FindString(bare); m != "" {
				t.Errorf("%s: %q shows the path %s", lang, text, m)
			}
			if m := ids.FindStringSubmatch(bare); m != nil {
				t.Errorf("%s: %q shows the id %s", lang, text, m[2])
			}
		}
	}
}
