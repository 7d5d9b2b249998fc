package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/report"
	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// example loads a built-in example, as `regiosim run --example NAME` does.
func example(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Example(name)
	if err != nil {
		t.Fatalf("built-in example %q: %v", name, err)
	}
	return s
}

// coreTables are tables `run -o` must always write (the --table flag's
// help in cmd_run.go; report/tables.go). More may be added.
var coreTables = []string{
	"coverage", "flows", "funding", "funding_years", "initiative_years",
	"initiatives", "instruments", "parties", "party_net", "party_years",
}

// runTableNames returns the names of every table of a run of the example,
// as report.Lang.RunTables makes them: `run -o` writes one file for each.
func runTableNames(t *testing.T, name string) []string {
	t.Helper()
	r, err := sim.Run(example(t, name), sim.Options{})
	if err != nil {
		t.Fatalf("sim.Run(%s): %v", name, err)
	}
	var out []string
	for _, tb := range report.English.RunTables(r) {
		out = append(out, tb.Name)
	}
	for _, n := range coreTables {
		if !slices.Contains(out, n) {
			t.Errorf("report.RunTables has no table %q", n)
		}
	}
	return out
}

// TestRunDefault: `regiosim run` without a file runs the built-in region
// (scenarios.DefaultExample, "realistic") and shows its header and the
// parties table.
func TestRunDefault(t *testing.T) {
	s := example(t, scenarios.DefaultExample)
	out := mustRun(t, "run")

	// Header (report/labels.go head.run): name · first–last (N years) · … ·
	// PV at the discount rate. realistic.toml: "Regio Voorbeeld",
	// first_year 2026, horizon 10, discount_rate 0.0225.
	wantHead := fmt.Sprintf("%s · %d–%d (%d years) · ", s.Name(), s.Region.FirstYear, s.LastYear(), s.Region.Horizon)
	first, _, _ := strings.Cut(out, "\n")
	if !strings.HasPrefix(first, wantHead) {
		t.Errorf("first line %q, want it to start with %q", first, wantHead)
	}
	if !strings.HasSuffix(first, "at 2.25%") { // discount_rate = 0.0225 in realistic.toml
		t.Errorf("first line %q does not end with the discount rate 2.25%%", first)
	}
	// The parties table: its title (labels.go title.parties) and every party.
	if !strings.Contains(out, "Parties: totals over the horizon") {
		t.Errorf("no parties table in:\n%s", out)
	}
	for _, p := range s.Parties {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(p.ID) + ` `).MatchString(out) {
			t.Errorf("party %q has no row", p.ID)
		}
	}
	// Detail tables are only shown with --all (report/tables.go Detail).
	if strings.Contains(out, "Parties per year") {
		t.Errorf("detail table party_years shown without --all")
	}
	all := mustRun(t, "run", "--all")
	if !strings.Contains(all, "Parties per year") {
		t.Errorf("--all does not show the detail table party_years")
	}
}

// TestRunMoneyStyle: Dutch money is "€ 1.234" (euro, space, dot thousands),
// English "€1,234" (report/lang.go Money).
func TestRunMoneyStyle(t *testing.T) {
	cases := []struct {
		lang      string
		want      *regexp.Regexp // a thousands amount in this style
		notWanted *regexp.Regexp // the other language's style
		rate      string         // discount_rate 0.0225 of realistic.toml, as Lang.Rate writes it
		netLabel  string         // labels.go col.net
	}{
		{"en", regexp.MustCompile(`€\d{1,3}(,\d{3})+\b`), regexp.MustCompile(`€ \d|\d\.\d{3}\b`), "2.25%", "net"},
		{"nl", regexp.MustCompile(`€ \d{1,3}(\.\d{3})+\b`), regexp.MustCompile(`€\d|\d,\d{3}\b`), "2,25%", "netto"},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			out := mustRun(t, "run", "--lang", c.lang)
			if !c.want.MatchString(out) {
				t.Errorf("--lang %s: no amount like %s in:\n%s", c.lang, c.want, out)
			}
			if m := c.notWanted.FindString(out); m != "" {
				t.Errorf("--lang %s: found %q, the other language's number style", c.lang, m)
			}
			if !strings.Contains(out, c.rate) {
				t.Errorf("--lang %s: discount rate not shown as %s", c.lang, c.rate)
			}
			if !regexp.MustCompile(`(?m)^party\s|^partij\s`).MatchString(out) || !strings.Contains(out, " "+c.netLabel+" ") {
				t.Errorf("--lang %s: parties table header without the column %q", c.lang, c.netLabel)
			}
		})
	}
	// Negative amounts: "-€300,000" in English, "€ -300.000" in Dutch. The
	// small example's "rijk" pays the IZA money, €100,000 in 2026 and
	// €200,000 in 2027 (small.toml: funds = 200_000, the initiative needs
	// half of 200_000 in its first ramp year), so its net is -€300,000.
	en := mustRun(t, "run", "--example", "small", "--lang", "en", "--table", "parties")
	nl := mustRun(t, "run", "--example", "small", "--lang", "nl", "--table", "parties")
	if !strings.Contains(en, "-€300,000") {
		t.Errorf("en: no -€300,000 for rijk in:\n%s", en)
	}
	if !strings.Contains(nl, "€ -300.000") {
		t.Errorf("nl: no € -300.000 for rijk in:\n%s", nl)
	}
}

// TestRunCSVParties: the parties table as CSV has a stable English header
// and, for every party, net = received − paid + saved. That identity is
// the definition of net (DOMAIN.md, "What the table wants to see", lists
// paid, received, saved and net per party; the formula is stated in
// `regiosim run --help` and in the table's note, labels.go note.net).
func TestRunCSVParties(t *testing.T) {
	for _, ex := range scenarios.Examples() {
		t.Run(ex, func(t *testing.T) {
			s := example(t, ex)
			recs := readCSV(t, mustRun(t, "run", "--example", ex, "--format", "csv", "--table", "parties"))
			wantHeader := []string{"party", "name", "kind", "paid", "received", "saved", "legacy", "net", "net_pv"}
			if !slices.Equal(recs[0], wantHeader) {
				t.Fatalf("header %v, want %v", recs[0], wantHeader)
			}
			rows := recs[1:]
			if len(rows) != len(s.Parties) { // one row per [[party]] of the example
				t.Errorf("%d rows, want one per party: %d", len(rows), len(s.Parties))
			}
			for _, row := range rows {
				paid, received, saved, legacy, net := parseFloat(t, row[3]), parseFloat(t, row[4]), parseFloat(t, row[5]), parseFloat(t, row[6]), parseFloat(t, row[7])
				// CSV amounts are each rounded to the cent, so the five
				// figures may each be off by half a cent: the identity holds
				// within 5 × 0.005 = 0.025.
				if d := math.Abs(net - (received - paid + saved + legacy)); d > 0.025+1e-9 {
					t.Errorf("party %s: net %.2f, but received − paid + saved + legacy = %.2f (off by %.2f)", row[0], net, received-paid+saved+legacy, d)
				}
			}
		})
	}
}

// TestRunCSVYearsAddUp: the per-year nets of party_years add up to the
// totals of the parties table (both are sums of the same ledger, undiscounted).
func TestRunCSVYearsAddUp(t *testing.T) {
	for _, ex := range scenarios.Examples() {
		t.Run(ex, func(t *testing.T) {
			s := example(t, ex)
			totals := readCSV(t, mustRun(t, "run", "--example", ex, "--format", "csv", "--table", "parties"))
			years := readCSV(t, mustRun(t, "run", "--example", ex, "--format", "csv", "--table", "party_years"))
			yp, yn, yy := column(t, years[0], "party"), column(t, years[0], "net"), column(t, years[0], "year")
			sum := map[string]float64{}
			count := map[string]int{}
			for _, row := range years[1:] {
				sum[row[yp]] += parseFloat(t, row[yn])
				count[row[yp]]++
				if y := int(parseFloat(t, row[yy])); y < s.Region.FirstYear || y > s.LastYear() {
					t.Errorf("party_years: year %d outside the horizon", y)
				}
			}
			tn := column(t, totals[0], "net")
			for _, row := range totals[1:] {
				if count[row[0]] != s.Region.Horizon { // one row per party per year
					t.Errorf("party %s: %d rows in party_years, want %d", row[0], count[row[0]], s.Region.Horizon)
				}
				// Each year is rounded to the cent: allow a cent per year.
				if d := math.Abs(sum[row[0]] - parseFloat(t, row[tn])); d > 0.01*float64(s.Region.Horizon) {
					t.Errorf("party %s: years add up to %.2f, the total is %s", row[0], sum[row[0]], row[tn])
				}
			}
		})
	}
}

// TestRunJSON: --format json is one object holding the result, with its
// parties (sim.Result, json key "parties").
func TestRunJSON(t *testing.T) {
	s := example(t, "small")
	out := mustRun(t, "run", "--example", "small", "--format", "json")
	var m map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	parties, ok := m["parties"].([]any)
	if !ok {
		t.Fatalf("no \"parties\" list in the JSON; keys: %v", keys(m))
	}
	if len(parties) != len(s.Parties) { // small.toml has 4 parties
		t.Errorf("%d parties in the JSON, want %d", len(parties), len(s.Parties))
	}
	if m["scenario"] != s.Name() {
		t.Errorf("scenario %v, want %q", m["scenario"], s.Name())
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestRunMarkdown: --format markdown writes pipe tables with a header rule.
func TestRunMarkdown(t *testing.T) {
	out := mustRun(t, "run", "--example", "small", "--format", "markdown")
	for _, want := range []string{
		"## Kleine regio",          // the header as a heading; small.toml name
		"| party | name | kind |",  // the parties table's header row (labels.go)
		"| --- | --- | --- | ---:", // text left, money right
		"| zv | Zorgverzekeraar |", // a party row: small.toml party zv
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown output does not contain %q:\n%s", want, out)
		}
	}
}

// TestRunOutputDir: -o DIR writes one CSV per table, through a temporary
// directory that is gone afterwards; into a new or an existing directory.
func TestRunOutputDir(t *testing.T) {
	parties := mustRun(t, "run", "--example", "small", "--format", "csv", "--table", "parties")
	tableNames := runTableNames(t, "small")
	cases := []struct {
		name    string
		prepare func(t *testing.T, dir string) // makes the state before the run
	}{
		{"new directory", func(*testing.T, string) {}},
		{"existing empty directory", func(t *testing.T, dir string) {
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"an earlier output", func(t *testing.T, dir string) {
			// An earlier report in the same place: replaced whole, so none
			// of its files (report.html, charts/) stays behind.
			if r := runCLI(t, "report", "--example", "small", "-o", dir); r.code != exitOK {
				t.Fatalf("report: exit %d: %s", r.code, r.stderr)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			c.prepare(t, dir)
			r := runCLI(t, "run", "--example", "small", "-o", dir)
			if r.code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			// cmd_run.go: "<header>\n<N> tables written to <dir>"
			if want := fmt.Sprintf("%d tables written to %s", len(tableNames), dir); !strings.Contains(r.stdout, want) {
				t.Errorf("stdout %q does not say %q", r.stdout, want)
			}
			var csvs []string
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if n, ok := strings.CutSuffix(e.Name(), ".csv"); ok {
					csvs = append(csvs, n)
				}
			}
			sort.Strings(csvs)
			want := slices.Sorted(slices.Values(tableNames))
			if !slices.Equal(csvs, want) {
				t.Errorf("CSV files %v, want one per table %v", csvs, want)
			}
			for _, n := range tableNames {
				data, err := os.ReadFile(filepath.Join(dir, n+".csv"))
				if err != nil {
					t.Errorf("table %s: %v", n, err)
					continue
				}
				parseCSV(t, string(data)) // a table may be empty: a header only
			}
			// The file holds the same as `--format csv --table parties`.
			if data, _ := os.ReadFile(filepath.Join(dir, "parties.csv")); string(data) != parties {
				t.Errorf("parties.csv differs from --format csv --table parties:\n%s\nwant:\n%s", data, parties)
			}
			for _, stale := range []string{"report.html", "charts", "tables"} {
				if _, err := os.Stat(filepath.Join(dir, stale)); err == nil {
					t.Errorf("%s of an earlier output is still there", stale)
				}
			}
			entries, err = os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".regiosim-") {
					t.Errorf("temporary directory %s left behind in %s", e.Name(), parent)
				}
			}
			if len(entries) != 1 { // only "out"
				t.Errorf("parent holds %d entries, want only out/", len(entries))
			}
		})
	}
}

// TestRunOutputForeignDirectory: a directory holding files regiosim did
// not write is left alone: exit 2, nothing changed, nothing left behind.
func TestRunOutputForeignDirectory(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	r := runCLI(t, "run", "--example", "small", "-o", dir)
	if r.code != exitInput || !strings.Contains(r.stderr, "did not write") {
		t.Errorf("exit %d, stderr %q; want 2 and a clear message", r.code, r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d entries in %s, want only notes.txt", len(entries), dir)
	}
	if all, _ := os.ReadDir(parent); len(all) != 1 {
		t.Errorf("parent holds %d entries, want only out/", len(all))
	}
}

// TestRunOutputNotADirectory: -o naming a file is a usage error, and the
// file is left as it was.
func TestRunOutputNotADirectory(t *testing.T) {
	parent := t.TempDir()
	f := filepath.Join(parent, "report")
	if err := os.WriteFile(f, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "run", "--example", "small", "-o", f)
	if r.code != exitInput {
		t.Errorf("exit %d, want %d; stderr %q", r.code, exitInput, r.stderr)
	}
	if !strings.Contains(r.stderr, "not a directory") {
		t.Errorf("message does not say the target is not a directory: %q", r.stderr)
	}
	if data, _ := os.ReadFile(f); string(data) != "keep me" {
		t.Errorf("the file was changed to %q", data)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("parent holds %d entries, want only the file", len(entries))
	}
}

// TestOutputUnderAFile: -o naming a directory below a file is a usage
// error naming the file, for every command that writes a directory, and
// nothing is written.
func TestOutputUnderAFile(t *testing.T) {
	parent := t.TempDir()
	f := filepath.Join(parent, "report")
	if err := os.WriteFile(f, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "--example", "small"},
		{"batch", "--example", "national", "-q"},
		{"stress", "--example", "realistic", "--draws", "10", "-q"},
		{"tornado", "--example", "small", "--spread", "10%"},
	} {
		r := runCLI(t, append(args, "-o", filepath.Join(f, "out"))...)
		if r.code != exitInput || !strings.Contains(r.stderr, f+" is a file, not a directory") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the file named", args, r.code, r.stderr)
		}
	}
	if data, _ := os.ReadFile(f); string(data) != "keep me" {
		t.Errorf("the file was changed to %q", data)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("parent holds %d entries, want only the file", len(entries))
	}
}

// TestRunUsageErrors: mistakes in how run is called exit 2 with a message
// that names the mistake.
func TestRunUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"unknown format", []string{"run", "--format", "xml"}, []string{"--format", `"xml"`, "table, csv, json, markdown"}},
		{"format near miss", []string{"run", "--format", "jsno"}, []string{"--format", `did you mean "json"?`}},
		{"unknown table", []string{"run", "--table", "partys"}, []string{"--table", `"partys"`, `did you mean "parties"?`}},
		{"unknown flag", []string{"run", "--formt", "csv"}, []string{"unknown flag", "--formt"}},
		{"flag without value", []string{"run", "--format"}, []string{"--format"}},
		{"too many args", []string{"run", "a.toml", "b.toml"}, []string{"at most 1", "a.toml b.toml"}},
		{"unknown example", []string{"run", "--example", "nope"}, []string{"--example", `"nope"`, "realistic, small"}},
		{"unknown language", []string{"run", "--lang", "de"}, []string{"--lang", `"de"`, "en or nl"}},
		{"missing file", []string{"run", "no-such-file.toml"}, []string{"no-such-file.toml", "cannot read"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir) // "no-such-file.toml" is looked up in an empty directory
			r := runCLI(t, c.args...)
			if r.code != exitInput {
				t.Errorf("regiosim %s: exit %d, want %d", strings.Join(c.args, " "), r.code, exitInput)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("regiosim %s: stderr does not contain %q:\n%s", strings.Join(c.args, " "), w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("regiosim %s: wrote to stdout on error: %q", strings.Join(c.args, " "), r.stdout)
			}
		})
	}
}

// TestRunTableSelection: --table is repeatable (or comma separated), shows
// only the named tables, in the order given.
func TestRunTableSelection(t *testing.T) {
	// Titles from report/labels.go: title.coverage, title.parties, title.initiatives.
	const coverage, parties, initiatives = "Coverage per initiative per year", "Parties: totals over the horizon", "Initiatives: funding over the horizon"
	for _, args := range [][]string{
		{"--table", "coverage", "--table", "parties"},
		{"--table", "coverage,parties"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out := mustRun(t, append([]string{"run", "--example", "small"}, args...)...)
			ic, ip := strings.Index(out, coverage), strings.Index(out, parties)
			if ic < 0 || ip < 0 || ic > ip {
				t.Errorf("want coverage, then parties; coverage at %d, parties at %d:\n%s", ic, ip, out)
			}
			if strings.Contains(out, initiatives) {
				t.Errorf("a table that was not asked for is shown:\n%s", out)
			}
		})
	}
	// A detail table can be named without --all.
	if out := mustRun(t, "run", "--example", "small", "--table", "party_years"); !strings.Contains(out, "Parties per year") {
		t.Errorf("--table party_years does not show the detail table:\n%s", out)
	}
}

func TestRunVariant(t *testing.T) {
	// The example's variant with a 5-year window: the cross-purchase no
	// longer closes (its comments), so case management gets a gap.
	out := mustRun(t, "run", "--variant", "Kruis-inkoop met 5 jaar termijn", "--table", "initiatives")
	if !strings.Contains(out, "lacks") {
		t.Errorf("the variant shows no gap:\n%s", out)
	}
	base := mustRun(t, "run", "--table", "initiatives")
	if strings.Contains(base, "lacks") {
		t.Errorf("the base shows a gap:\n%s", base)
	}
	if r := runCLI(t, "run", "--variant", "Lineare afbouw"); r.code != exitInput || !strings.Contains(r.stderr, `did you mean "Lineaire afbouw"?`) {
		t.Errorf("unknown variant: exit %d, %q", r.code, r.stderr)
	}
}

func TestRunOutputRefusesCurrentDirAndLinks(t *testing.T) {
	// Found in review: -o . failed halfway with exit 1, and -o LINK
	// replaced the link by a directory.
	dir := t.TempDir()
	t.Chdir(dir)
	if r := runCLI(t, "run", "--example", "small", "-o", "."); r.code != exitInput || !strings.Contains(r.stderr, "current directory") {
		t.Errorf("-o .: exit %d, %q", r.code, r.stderr)
	}
	mustRun(t, "run", "--example", "small", "-o", "real")
	if err := os.Symlink("real", "link"); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, "run", "--example", "small", "-o", "link"); r.code != exitInput || !strings.Contains(r.stderr, "symbolic link") {
		t.Errorf("-o link: exit %d, %q", r.code, r.stderr)
	}
	if fi, err := os.Lstat("link"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
}

// TestRunJSONRounded: run's JSON gives euros to the cent and shares and
// ratios to six significant digits, each within half a unit of its last
// digit of the engine's value (read from sim.Run).
func TestRunJSONRounded(t *testing.T) {
	var got struct {
		Parties []struct {
			ID string
			PV sim.Summary `json:"present_value"`
		}
		Initiatives []struct {
			ID       string
			Coverage []*float64 `json:"coverage"`
		}
	}
	out := mustRun(t, "run", "--format", "json")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range r.Parties {
		g := got.Parties[i].PV
		for _, pair := range [][2]float64{{g.Paid, p.PV.Paid}, {g.Received, p.PV.Received}, {g.Saved, p.PV.Saved}, {g.Legacy, p.PV.Legacy}, {g.Net, p.PV.Net}} {
			if math.Abs(pair[0]-pair[1]) > 0.005+1e-9*math.Abs(pair[1]) || math.Abs(pair[0]*100-math.Round(pair[0]*100)) > 1e-6*math.Max(1, math.Abs(pair[0])) {
				t.Errorf("%s: %v in JSON for %v: not to the cent", p.ID, pair[0], pair[1])
			}
		}
	}
	for i, in := range r.Initiatives {
		for k, c := range in.Coverage {
			gp := got.Initiatives[i].Coverage[k]
			if (gp == nil) != (in.Need[k] == 0) {
				t.Errorf("%s year %d: coverage %v in JSON with need %v: null exactly when nothing is needed", in.ID, k, gp, in.Need[k])
				continue
			}
			if gp == nil {
				continue
			}
			if g := *gp; math.Abs(g-c) > 5e-6*math.Max(math.Abs(c), 1e-300) || len(strconv.FormatFloat(g, 'g', -1, 64)) > 9 {
				t.Errorf("%s year %d: coverage %v in JSON for %v: not six digits", in.ID, k, g, c)
			}
		}
	}
	if strings.Contains(out, "999999") || strings.Contains(out, "000000001") {
		t.Errorf("JSON holds unrounded floating-point tails")
	}
	var bc struct {
		Buyer   *int `json:"buyer_payback_year"`
		Society *int `json:"society_payback_year"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "business-case", "--initiative", "huisarts-sociaal", "--format", "json")), &bc); err != nil {
		t.Fatal(err)
	}
	c, err := sim.Case(s, sim.CaseQuery{Initiative: "huisarts-sociaal"})
	if err != nil {
		t.Fatal(err)
	}
	if c.BuyerPayback != nil || bc.Buyer != nil || bc.Society == nil || *bc.Society != *c.SocietyPayback {
		t.Errorf("payback years: JSON %v %v, engine %v %v; want null for the buyer's, none within the window", bc.Buyer, bc.Society, c.BuyerPayback, c.SocietyPayback)
	}
}
