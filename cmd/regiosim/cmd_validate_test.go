package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// repoRoot changes into the repository root (tests run in cmd/regiosim),
// so that file names in messages read as a user would type them.
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatalf("not at the repository root: %v", err)
	}
}

// lineStarting returns the 1-based number of the first line of file that
// starts with prefix: where a message about that line must point.
func lineStarting(t *testing.T, file, prefix string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line starting with %q", file, prefix)
	return 0
}

// problemLines returns the lines of stderr that report a problem of file
// (each problem is one line "FILE[:LINE]: key: message", syntax errors add
// the source below it).
func problemLines(stderr, file string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, file+":") {
			out = append(out, l)
		}
	}
	return out
}

// TestValidateExamples: the built-in examples are valid scenarios.
func TestValidateExamples(t *testing.T) {
	repoRoot(t)
	for _, ex := range scenarios.Examples() {
		t.Run(ex, func(t *testing.T) {
			s := example(t, ex)
			file := filepath.Join("scenarios", "examples", ex+".toml")
			r := runCLI(t, "validate", file)
			if r.code != exitOK {
				t.Fatalf("validate %s: exit %d, stderr:\n%s", file, r.code, r.stderr)
			}
			// cmd_validate.go: "FILE: ok (N parties, N flows, …)", with the
			// counts of the scenario as loaded.
			want := fmt.Sprintf("%s: ok (%s, %s, %s, %s", file, count(len(s.Parties), "party", "parties"),
				count(len(s.Flows), "flow", "flows"), count(len(s.Initiatives), "initiative", "initiatives"), count(len(s.Instruments), "instrument", "instruments"))
			if !strings.Contains(r.stdout, want) {
				t.Errorf("stdout %q does not contain %q", r.stdout, want)
			}
		})
	}
	// All examples at once: one ok line each.
	var files []string
	for _, ex := range scenarios.Examples() {
		files = append(files, filepath.Join("scenarios", "examples", ex+".toml"))
	}
	r := runCLI(t, append([]string{"validate"}, files...)...)
	if r.code != exitOK || strings.Count(r.stdout, ": ok (") != len(files) {
		t.Errorf("validate %v: exit %d, stdout:\n%s\nwant exit 0 and %d ok lines", files, r.code, r.stdout, len(files))
	}
}

// TestValidateBadFiles: each file in testdata/bad is small.toml with a
// mistake (its first line says which); validate exits 2 and names the file,
// the line, the key and, for near misses, the likely intended word.
func TestValidateBadFiles(t *testing.T) {
	repoRoot(t)
	cases := []struct {
		file string
		// at is how the line the message must point at starts; "" when the
		// line is not checked.
		at string
		// key is the key path the message names.
		key string
		// want are further parts of the message.
		want []string
		// problems is the number of problem lines for this file; 0 when
		// not counted.
		problems int
	}{
		{
			file: "syntax_error.toml", at: `name = "Kleine regio`, key: "region.name",
			// The offending line is shown with a caret under the column.
			want: []string{"not valid TOML", `| name = "Kleine regio`, "^"}, problems: 1,
		},
		{
			file: "unknown_key.toml", at: "turnver = ", key: "party.gemeente.turnver",
			want: []string{"unknown key", `did you mean "turnover"?`}, problems: 1,
		},
		{
			file: "rate_too_high.toml", at: "discount_rate = 1.2", key: "region.discount_rate",
			want: []string{"1.2 is outside 0..1"}, problems: 1,
		},
		{
			file: "negative_amount.toml", at: "amount = -", key: "flow.wmo-welzijn.amount",
			want: []string{"-2500000 is negative"}, problems: 1,
		},
		{
			file: "horizon_zero.toml", at: "horizon = 0", key: "region.horizon",
			// An empty horizon also puts every year of the file outside it:
			// those follow-up problems are not counted here.
			want: []string{"0 years is outside 1..50"}, // scenarios.MaxHorizon = 50
		},
		{
			file: "horizon_51.toml", at: "horizon = 51", key: "region.horizon",
			want: []string{"51 years is outside 1..50"}, problems: 1, // scenarios.MaxHorizon = 50
		},
		{
			file: "start_outside.toml", at: "start = 2031", key: "initiative.welzijn-op-recept.start",
			// small.toml: first_year 2026, horizon 5, so 2026–2030.
			want: []string{"2031 is outside the horizon 2026–2030"}, problems: 1,
		},
		{
			file: "savings_unknown_party.toml", at: "gemeentee = ", key: "initiative.welzijn-op-recept.savings.gemeentee",
			want: []string{`unknown party "gemeentee"`, `did you mean "gemeente"?`}, problems: 1,
		},
		{
			file: "duplicate_id.toml", at: `id = "zv"                    # the same`, key: "party.zv.id",
			// The first party "zv" stands on line 23 of the file.
			want: []string{`duplicate id "zv"`, "already used by a party on line 23"}, problems: 1,
		},
		{
			file: "unknown_from.toml", at: `from = "gemeent"`, key: "flow.wmo-welzijn.from",
			want: []string{`unknown party "gemeent"`, `did you mean "gemeente"?`}, problems: 1,
		},
		{
			// Once crashed with a nil instrument (found by the CLI tests).
			file: "unknown_type.toml", at: `type = "transformation_fund"`, key: "instrument.iza.type",
			want: []string{`unknown instrument type "transformation_fund"`, `did you mean "transformation_funds"?`}, problems: 1,
		},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.file] = true
		t.Run(c.file, func(t *testing.T) {
			file := filepath.Join("testdata", "bad", c.file)
			r := runCLI(t, "validate", file)
			if r.code != exitInput {
				t.Errorf("exit %d, want %d", r.code, exitInput)
			}
			if strings.Contains(r.stdout, "ok") {
				t.Errorf("stdout says ok: %q", r.stdout)
			}
			lines := problemLines(r.stderr, file)
			if c.problems > 0 && len(lines) != c.problems {
				t.Errorf("%d problem lines, want %d:\n%s", len(lines), c.problems, r.stderr)
			}
			// The problem this file is about: "FILE[:LINE]: KEY: message".
			prefix := file + ":"
			if c.at != "" {
				prefix = fmt.Sprintf("%s:%d:", file, lineStarting(t, file, c.at))
			}
			var line string
			for _, l := range lines {
				if strings.HasPrefix(l, prefix) && strings.Contains(l, " "+c.key+": ") {
					line = l
				}
			}
			if line == "" {
				t.Fatalf("no problem line starting %q naming the key %q in:\n%s", prefix, c.key, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("message does not contain %q:\n%s", w, r.stderr)
				}
			}
		})
	}
	// Every file in testdata/bad is covered here or below.
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !seen[e.Name()] && e.Name() != "three_problems.toml" {
			t.Errorf("testdata/bad/%s is not tested", e.Name())
		}
	}
}

// TestValidateBadFilesSayWhy: each bad file starts with a comment saying
// what is wrong with it, so that a failure can be understood.
func TestValidateBadFilesSayWhy(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "# BAD: ") {
			t.Errorf("%s does not start with a '# BAD: ' comment saying what is wrong", f)
		}
	}
}

// TestValidateAllProblemsAtOnce: a file with three different problems
// reports all three in one run, each on its own line, ordered by line.
func TestValidateAllProblemsAtOnce(t *testing.T) {
	repoRoot(t)
	file := filepath.Join("testdata", "bad", "three_problems.toml")
	r := runCLI(t, "validate", file)
	if r.code != exitInput {
		t.Errorf("exit %d, want %d", r.code, exitInput)
	}
	lines := problemLines(r.stderr, file)
	// three_problems.toml's comment: turnver, discount_rate 1.2, a negative amount.
	if len(lines) != 3 {
		t.Fatalf("%d problem lines, want 3:\n%s", len(lines), r.stderr)
	}
	for _, want := range []string{
		fmt.Sprintf("%s:%d: party.gemeente.turnver: unknown key", file, lineStarting(t, file, "turnver = ")),
		fmt.Sprintf("%s:%d: region.discount_rate: 1.2 is outside 0..1", file, lineStarting(t, file, "discount_rate = ")),
		fmt.Sprintf("%s:%d: flow.wmo-welzijn.amount: -2500000 is negative", file, lineStarting(t, file, "amount = -")),
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not contain %q:\n%s", want, r.stderr)
		}
	}
	// Problems with a line come in the order of their lines.
	lineNo := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:(\d+):`)
	prev := 0
	for _, l := range lines {
		m := lineNo.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		var n int
		fmt.Sscan(m[1], &n)
		if n < prev {
			t.Errorf("problems out of line order: %d after %d", n, prev)
		}
		prev = n
	}
}

// TestValidateSeveralFiles: every file is checked, the good ones say ok,
// and the problems of all bad ones are reported before exiting 2.
func TestValidateSeveralFiles(t *testing.T) {
	repoRoot(t)
	good := filepath.Join("scenarios", "examples", "small.toml")
	bad1 := filepath.Join("testdata", "bad", "unknown_key.toml")
	bad2 := filepath.Join("testdata", "bad", "rate_too_high.toml")
	r := runCLI(t, "validate", bad1, good, bad2)
	if r.code != exitInput {
		t.Errorf("exit %d, want %d", r.code, exitInput)
	}
	if !strings.Contains(r.stdout, good+": ok") {
		t.Errorf("the good file is not reported ok: %q", r.stdout)
	}
	if len(problemLines(r.stderr, bad1)) != 1 || len(problemLines(r.stderr, bad2)) != 1 {
		t.Errorf("want one problem of each bad file:\n%s", r.stderr)
	}
}

// TestValidateUsage: a missing file and no file at all exit 2.
func TestValidateUsage(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.toml")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"missing file", []string{"validate", missing}, []string{missing + ": ", "cannot read the file"}},
		{"no file", []string{"validate"}, []string{"at least one FILE"}},
		{"directory", []string{"validate", dir}, []string{dir + ": ", "cannot read the file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.args...)
			if r.code != exitInput {
				t.Errorf("exit %d, want %d; stderr %q", r.code, exitInput, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not contain %q: %q", w, r.stderr)
				}
			}
		})
	}
}

// TestValidateInDutch: under --lang nl the problems and warnings read in
// Dutch, keys and file names as they are; the exit code is the same.
func TestValidateInDutch(t *testing.T) {
	repoRoot(t)
	c := runCLI(t, "--lang", "nl", "validate", "testdata/bad/three_problems.toml")
	if c.code != exitInput {
		t.Fatalf("exit %d, want %d", c.code, exitInput)
	}
	for _, want := range []string{
		"party.gemeente.turnver: onbekende sleutel; bedoelt u \"turnover\"?",
		"region.discount_rate: 1.2 ligt buiten 0..1 (percentages zijn fracties",
		"flow.wmo-welzijn.amount: -2500000 is negatief",
	} {
		if !strings.Contains(c.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, c.stderr)
		}
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "w.toml")
	src := "[region]\nfirst_year = 2026\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\nturnover = 1_000_000\n[[instrument]]\ntype = \"wallet\"\nid = \"w\"\ncontributors = [\"zv\"]\nrates = { zv = 0.001 }\n"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	c = runCLI(t, "--lang", "nl", "validate", f)
	if c.code != exitOK || !strings.Contains(c.stderr, "waarschuwing: instrument.w.funds: de portemonnee financiert geen initiatief") || !strings.Contains(c.stdout, "in orde (1 partij,") {
		t.Errorf("exit %d\nstdout %s\nstderr %s", c.code, c.stdout, c.stderr)
	}
	c = runCLI(t, "--lang", "nl", "compare", "--set", "party.zv-x.turnover=1")
	if c.code != exitInput || !strings.Contains(c.stderr, `geen partij met id "zv-x"`) {
		t.Errorf("a path error in Dutch: exit %d, %s", c.code, c.stderr)
	}
}
