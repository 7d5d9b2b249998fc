package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/xuri/excelize/v2"
)

// TestBatchNationalExample: the built-in national batch writes the long
// table (CSV and Parquet, a row per region, option and outcome), the
// national tables, the workbook with a sheet per headline pivoted region
// × option, charts and a report with a map of the 31 regions, a colour
// each.
func TestBatchNationalExample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nat")
	out := mustRun(t, "batch", "--example", "national", "-o", dir)
	if !strings.Contains(out, "31 of 31 regions run in 4 options") {
		t.Errorf("summary line: %q", out)
	}
	long, err := os.ReadFile(filepath.Join(dir, "outcomes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, string(long))
	if got := strings.Join(recs[0], ","); got != "region,code,option,outcome,value" {
		t.Fatalf("header %s", got)
	}
	regions, options := map[string]bool{}, map[string]bool{}
	for _, r := range recs[1:] {
		regions[r[0]], options[r[2]] = true, true
	}
	if len(regions) != 31 || len(options) != 4 {
		t.Errorf("the long table has %d regions and %d options, want 31 and 4", len(regions), len(options))
	}
	rows, err := parquet.ReadFile[longRow](filepath.Join(dir, "outcomes.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs)-1 {
		t.Errorf("outcomes.parquet has %d rows, outcomes.csv %d", len(rows), len(recs)-1)
	}
	wb, err := excelize.OpenFile(filepath.Join(dir, "regiosim.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	for _, sheet := range []string{"national_summary", "region_gap_after_funds_end_pv", "region_funding_pv"} {
		if idx, _ := wb.GetSheetIndex(sheet); idx < 0 {
			t.Errorf("the workbook has no sheet %s: %v", sheet, wb.GetSheetList())
		}
	}
	if pivot, _ := wb.GetRows("region_gap_pv"); len(pivot) != 32 || len(pivot[0]) != 2+4 {
		t.Errorf("the pivot sheet has %d rows of %d columns, want 32 of 6", len(pivot), len(pivot[0]))
	}
	html, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`id="chart-map_0"`, `id="chart-regions"`, `id="chart-options"`, "regions have a gap after the transformation funds end", `id="table-national_summary"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// The wallet option leaves no region a gap: no map of one colour.
	if _, err := os.Stat(filepath.Join(dir, "charts", "map_1.svg")); err == nil {
		t.Errorf("a map of an option where every region has the same value")
	}
	svg, err := os.ReadFile(filepath.Join(dir, "charts", "map_0.svg"))
	if err != nil {
		t.Fatal(err)
	}
	// Filled outlines (a region may have several polygons), none white.
	fills := regexp.MustCompile(`<path d="[^"]*" style="fill:(#[0-9A-Fa-f]{6})" />`).FindAllStringSubmatch(string(svg), -1)
	coloured := 0
	for _, f := range fills[1:] { // the first is the background
		if !strings.EqualFold(f[1], "#FFFFFF") {
			coloured++
		}
	}
	if coloured < 31 {
		t.Errorf("the map colours %d outlines, want one for each of the 31 regions at least", coloured)
	}
}

// The template and regions of the batch tests: the realistic example's
// region scaled by population.
func batchFiles(t *testing.T, table string) (template, regions string) {
	t.Helper()
	dir := t.TempDir()
	src, err := scenarios.ExampleSource("national")
	if err != nil {
		t.Fatal(err)
	}
	template = filepath.Join(dir, "template.toml")
	regions = filepath.Join(dir, "regions.csv")
	os.WriteFile(template, src, 0o644)
	os.WriteFile(regions, []byte(table), 0o644)
	return template, regions
}

// TestBatchBrokenRegion: a region whose row is bad is reported with its
// row, key and message and left out; the others run and are written;
// exit 1.
func TestBatchBrokenRegion(t *testing.T) {
	template, regions := batchFiles(t, "region,code,population,instrument.portemonnee.rate\nUtrecht,ZK23,1300000,\nGroningen,ZK09,590000,3\nZeeland,ZK27,380000,0.0003\n")
	dir := filepath.Join(t.TempDir(), "out")
	r := runCLI(t, "batch", template, "--regions", regions, "-o", dir)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want 1; stderr %s", r.code, r.stderr)
	}
	for _, want := range []string{"regions.csv:3: instrument.portemonnee.rate", "3 is outside", "1 of 3 regions failed (in one option or more); the others are written"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	long, err := os.ReadFile(filepath.Join(dir, "outcomes.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(long), "Groningen") || !strings.Contains(string(long), "Utrecht") || !strings.Contains(string(long), "Zeeland") {
		t.Errorf("outcomes.csv should hold Utrecht and Zeeland, not Groningen")
	}
	failed, _ := os.ReadFile(filepath.Join(dir, "tables", "national_failed.csv"))
	if !strings.Contains(string(failed), "Groningen") {
		t.Errorf("tables/national_failed.csv lacks Groningen: %s", failed)
	}
}

// TestBatchBadInput: problems of the batch as a whole exit 2 before
// anything runs, naming the file, line and key, with a suggestion.
func TestBatchBadInput(t *testing.T) {
	for _, c := range []struct {
		table string
		args  []string
		want  string
	}{
		{"region,population,instrument.portemonee.rate\nA,1000,0.001\n", nil, `regions.csv:1: instrument.portemonee.rate: is not a path of a number of the template`},
		{"region,population\nA,1000\nA,2000\n", nil, `regions.csv:3: region: duplicate region "A": already on line 2`},
		{"region,population\nA,1000\n", []string{"--map", "region.gap"}, `--map "region.gap": name a region outcome`},
	} {
		template, regions := batchFiles(t, c.table)
		dir := filepath.Join(t.TempDir(), "out")
		r := runCLI(t, append([]string{"batch", template, "--regions", regions, "-o", dir}, c.args...)...)
		if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.table, r.code, r.stderr, c.want)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%q: output written despite bad input", c.table)
		}
	}
	if r := runCLI(t, "batch"); r.code != exitInput {
		t.Errorf("batch without input: exit %d", r.code)
	}
}

// TestBatchFiles: a set of scenario files, a region each, runs every
// file's base and variants; the summary names the regions.
func TestBatchFiles(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"Noord", "Zuid"} {
		src, _ := scenarios.ExampleSource("realistic")
		text := strings.Replace(string(src), `name = "Regio Voorbeeld"`, `name = "Regio `+name+`"`, 1)
		f := filepath.Join(dir, name+".toml")
		os.WriteFile(f, []byte(text), 0o644)
		files = append(files, f)
	}
	out := mustRun(t, append([]string{"batch", "--format", "csv"}, files...)...)
	recs := readCSV(t, out)
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		seen[r[0]+"/"+r[2]] = true
	}
	for _, want := range []string{"Regio Noord/base", "Regio Zuid/base", "Regio Zuid/Lineaire afbouw"} {
		if !seen[want] {
			t.Errorf("the long table lacks %s", want)
		}
	}
	// The summary's header in the reader's language, and one region with
	// a gap in the singular: Noord's insurer buys for five years only, as
	// in the example's second option, which leaves a gap after the funds.
	src, _ := os.ReadFile(files[0])
	os.WriteFile(files[0], []byte(strings.Replace(string(src), "window = 8 ", "window = 5 ", 1)), 0o644)
	nl := mustRun(t, append([]string{"batch", "--lang", "nl"}, files...)...)
	en := mustRun(t, append([]string{"batch"}, files...)...)
	if !strings.Contains(nl, "Basis: 1 van de 2 regio's heeft een tekort") || !strings.Contains(en, "Base: 1 of 2 regions has a gap") {
		t.Errorf("the base's gap in one region of two:\n%s\n%s", nl, en)
	}
	if !strings.HasPrefix(nl, "Landelijke batch van 2 bestanden: 2 regio's") || !strings.HasPrefix(en, "National batch of 2 files: 2 regions") {
		t.Errorf("headers:\n%s\n%s", strings.SplitN(nl, "\n", 2)[0], strings.SplitN(en, "\n", 2)[0])
	}
	if strings.Contains(nl, "1 van de 2 regio's hebben") || strings.Contains(en, "1 of 2 regions have") {
		t.Error("one region with a gap is said in the plural")
	}
}

// TestBatchStressDeterministic: --stress gives the same bytes whatever
// the number of workers; the national value is named in the tables' note.
func TestBatchStressDeterministic(t *testing.T) {
	var outs []string
	for _, w := range []string{"1", "2"} {
		dir := filepath.Join(t.TempDir(), "s"+w)
		mustRun(t, "batch", "--example", "national", "--stress", "--draws", "40", "--workers", w, "-o", dir)
		var all string
		for _, f := range []string{"stress_national.csv", "stress_regions.csv"} {
			b, err := os.ReadFile(filepath.Join(dir, "tables", f))
			if err != nil {
				t.Fatal(err)
			}
			all += string(b)
		}
		outs = append(outs, all)
	}
	if outs[0] != outs[1] {
		t.Errorf("the stress tables differ between 1 and 2 workers")
	}
	if !strings.Contains(outs[0], "Utrecht") || !strings.Contains(outs[0], "gap_after_funds_end_pv") {
		t.Errorf("the stress tables lack a region or a measure:\n%.400s", outs[0])
	}
	r := runCLI(t, "batch", "--example", "national", "--stress", "--draws", "-3")
	if r.code != exitInput {
		t.Errorf("--draws -3: exit %d, want 2", r.code)
	}
}

// TestBatchSameBytes: two runs of the same batch write the same bytes,
// the workbook included (its parts in a fixed order, no timestamps).
func TestBatchSameBytes(t *testing.T) {
	var dirs []string
	for i := range 2 {
		dir := filepath.Join(t.TempDir(), fmt.Sprint("b", i))
		mustRun(t, "batch", "--example", "national", "-o", dir)
		dirs = append(dirs, dir)
	}
	files, _ := filepath.Glob(filepath.Join(dirs[0], "*"))
	more, _ := filepath.Glob(filepath.Join(dirs[0], "*", "*"))
	n := 0
	for _, f := range append(files, more...) {
		if fi, err := os.Stat(f); err != nil || fi.IsDir() {
			continue
		}
		rel, _ := filepath.Rel(dirs[0], f)
		a, _ := os.ReadFile(f)
		b, err := os.ReadFile(filepath.Join(dirs[1], rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", rel)
		}
		n++
	}
	if n < 10 {
		t.Errorf("only %d files compared", n)
	}
}

// TestBatchJSONBudget: the JSON gives each regional budget's streams with
// their rates, and each region's amount, which add up to the pot to the
// cent (0.1 % of € 66.8 + 41.1 + 5.48 bn = € 113,380,000 a year).
func TestBatchJSONBudget(t *testing.T) {
	var out struct {
		Pots []struct {
			Option  string
			Streams []struct {
				Stream string
				Rate   float64
			}
			Pot     float64
			Regions []struct{ Amount float64 }
		} `json:"regional_budgets"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "batch", "--example", "national", "--format", "json")), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Pots) != 2 {
		t.Fatalf("%d pots, want 2 (the budget's two options)", len(out.Pots))
	}
	for _, p := range out.Pots {
		var cents int64
		for _, r := range p.Regions {
			cents += int64(math.Round(r.Amount * 100))
		}
		if p.Pot != 113_380_000 || cents != 11_338_000_000 {
			t.Errorf("%s: pot %v, the regions' amounts %d cents", p.Option, p.Pot, cents)
		}
		for _, s := range p.Streams {
			if s.Rate != 0.001 {
				t.Errorf("%s: %s rate %v, want 0.001", p.Option, s.Stream, s.Rate)
			}
		}
	}
}

// TestBatchFilesOwnVariantsAndAmounts: in the files form each file's own
// variants are the options (a file without one fails that option), and a
// regional budget that takes no share of national spending keeps its own
// amount, as a run of the file alone does.
func TestBatchFilesOwnVariantsAndAmounts(t *testing.T) {
	dir := t.TempDir()
	src, _ := scenarios.ExampleSource("realistic")
	base := strings.Split(string(src), "# --- Options for the table")[0] + `
[[instrument]]
type = "regional_budget"
id = "rb"
amount = 500_000
to = "portemonnee"

[national]
spending = { zvw = 1_000_000_000 }
`
	a := filepath.Join(dir, "a.toml")
	b := filepath.Join(dir, "b.toml")
	os.WriteFile(a, []byte(strings.Replace(base, `name = "Regio Voorbeeld"`, `name = "A"`, 1)+"\n[[variant]]\nname = \"X\"\nset = { \"instrument.rb.amount\" = 600_000 }\n"), 0o644)
	os.WriteFile(b, []byte(strings.Replace(base, `name = "Regio Voorbeeld"`, `name = "B"`, 1)+"\n[[variant]]\nname = \"Y\"\ndisable = [\"rb\"]\n"), 0o644)
	r := runCLI(t, "batch", a, b, "--format", "csv")
	if r.code != exitFailure || !strings.Contains(r.stderr, `has no variant "Y"`) || !strings.Contains(r.stderr, `has no variant "X"`) {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	got := map[string]string{}
	for _, rec := range readCSV(t, r.stdout)[1:] {
		if rec[3] == "regional_budget.rb.out" {
			got[rec[0]+"/"+rec[2]] = rec[4]
		}
	}
	// 500,000 a year over 10 years, grown by the indexation of 2.5 %:
	// the same as `outcomes --values` of the file alone.
	alone := mustRun(t, "outcomes", a, "--values", "--format", "csv")
	want := ""
	for _, rec := range readCSV(t, alone)[1:] {
		if rec[0] == "regional_budget.rb.out" {
			want = rec[len(rec)-1]
		}
	}
	if want == "" || math.Abs(parseFloat(t, got["A/base"])-parseFloat(t, want)) > 0.005 {
		t.Errorf("A's budget paid %s in the batch, %s alone", got["A/base"], want)
	}
	if _, ok := got["A/X"]; !ok {
		t.Errorf("A's own variant X did not run: %v", got)
	}
	if _, ok := got["A/Y"]; ok {
		t.Errorf("A ran B's variant Y")
	}
	if r := runCLI(t, "batch", filepath.Join("..", "..", "scenarios", "examples", "national.toml")); r.code != exitInput || !strings.Contains(r.stderr, "--regions") {
		t.Errorf("a template without --regions: exit %d, %s", r.code, r.stderr)
	}
}

// TestBatchAudit: the regions table and flags of an audit of bad input.
// A table as Dutch Excel writes it (semicolons, a byte order mark,
// decimal commas) runs as its comma form; a quote left open is one
// message with its line, not a panic; a flag that does not go with the
// others, or a value out of bounds, is a usage error before anything
// runs; a bad region file's problems name the file once.
func TestBatchAudit(t *testing.T) {
	commas := "region,code,population,instrument.portemonnee.rate\nUtrecht,ZK23,1300000,0.0004\nZeeland,ZK27,380000,\n"
	excel := "\ufeffregion;code;population;instrument.portemonnee.rate\r\nUtrecht;ZK23;1300000;0,0004\r\nZeeland;ZK27;380000;\r\n"
	template, regions := batchFiles(t, commas)
	want := mustRun(t, "batch", template, "--regions", regions, "--format", "csv")
	template, regions = batchFiles(t, excel)
	if got := mustRun(t, "batch", template, "--regions", regions, "--format", "csv"); got != want {
		t.Errorf("the table with semicolons gives\n%s\nthe table with commas\n%s", got, want)
	}

	for _, c := range []struct {
		name, table string
		args        []string
		lang, want  string
	}{
		{"an open quote", "region,population\n\"Utrecht,1300000\n", nil, "", `regions.csv:2: not a CSV row: a quote (") is not closed`},
		{"an open quote in Dutch", "region,population\n\"Utrecht,1300000\n", nil, "nl", "regions.csv:2: geen CSV-regel: een aanhalingsteken"},
		{"semicolons, no population", "region;populatie\nUtrecht;1300000\n", nil, "", `regions.csv:1: population: missing: the regions table needs a column population; did you mean "populatie"?`},
		{"--draws without --stress", "region,population\nA,1000\n", []string{"--draws", "5"}, "", "--draws and --seed go with --stress"},
		{"--seed without --stress", "region,population\nA,1000\n", []string{"--seed", "5"}, "", "--draws and --seed go with --stress"},
		{"--draws 0", "region,population\nA,1000\n", []string{"--stress", "--draws", "0"}, "", "--draws 0: give 1..10000000"},
		{"--draws too many", "region,population\nA,1000\n", []string{"--stress", "--draws", "1000000000"}, "", "--draws 1000000000: give 1..10000000"},
		{"--seed 0", "region,population\nA,1000\n", []string{"--stress", "--seed", "0"}, "", "--seed 0: give a seed other than 0"},
		{"--workers -1", "region,population\nA,1000\n", []string{"--workers", "-1"}, "", "--workers -1"},
		{"--shard 0/0", "region,population\nA,1000\n", []string{"--stress", "--shard", "0/0"}, "", `--shard "0/0": N, the number of shards, must be 1 or more`},
	} {
		t.Run(c.name, func(t *testing.T) {
			template, regions := batchFiles(t, c.table)
			dir := filepath.Join(t.TempDir(), "out")
			r := runCLI(t, append([]string{"--lang", orEn(c.lang), "batch", template, "--regions", regions, "-o", dir}, c.args...)...)
			if r.code != exitInput || !strings.Contains(r.stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, c.want)
			}
			if strings.Contains(r.stderr, "internal error") || strings.Contains(r.stderr, "goroutine") {
				t.Errorf("a panic: %s", r.stderr)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("output written despite bad input")
			}
		})
	}

	// A broken region file among good ones: its problems name it once.
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	src, _ := scenarios.ExampleSource("small")
	os.WriteFile(good, src, 0o644)
	broken := filepath.Join(dir, "broken.toml")
	os.WriteFile(broken, []byte("[region]\nname = \"x\"\npopulaton = 5\n"), 0o644)
	r := runCLI(t, "batch", good, broken)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	if strings.Contains(r.stderr, broken+": "+broken) {
		t.Errorf("the file is named twice:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, broken+`:3: region.populaton: unknown key; did you mean "population"?`) {
		t.Errorf("stderr lacks the near miss:\n%s", r.stderr)
	}
}

func orEn(lang string) string {
	if lang == "" {
		return "en"
	}
	return lang
}

// TestBatchTwiceIntoOneDir: a second batch into the directory of the
// first replaces it whole, and leaves nothing of its own beside it.
func TestBatchTwiceIntoOneDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "nat")
	mustRun(t, "batch", "--example", "national", "-q", "-o", dir)
	os.WriteFile(filepath.Join(dir, "stale.csv"), []byte("x"), 0o644)
	mustRun(t, "batch", "--example", "national", "-q", "-o", dir)
	if _, err := os.Stat(filepath.Join(dir, "stale.csv")); err == nil {
		t.Errorf("a file of the first run stayed")
	}
	if _, err := os.Stat(filepath.Join(dir, "outcomes.csv")); err != nil {
		t.Errorf("the second run's output: %v", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("the parent holds %d entries, want only nat/", len(entries))
	}
}
