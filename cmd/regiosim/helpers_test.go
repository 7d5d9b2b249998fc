package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/sim"
)

// TestMain pins the default language, so that a developer's or CI's locale
// (LANG=nl_NL.UTF-8, say) does not change what the tests see; tests that
// want Dutch pass --lang nl.
func TestMain(m *testing.M) {
	os.Setenv("REGIOSIM_LANG", "en")
	os.Exit(m.Run())
}

// cli is what one call of run produced.
type cli struct {
	code           int
	stdout, stderr string
}

// runCLI calls run with args, as main does, and captures its output.
func runCLI(t *testing.T, args ...string) cli {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return cli{code: code, stdout: out.String(), stderr: errOut.String()}
}

// mustRun calls run and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	r := runCLI(t, args...)
	if r.code != exitOK {
		t.Fatalf("regiosim %s: exit %d, want 0\nstderr:\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// parseCSV parses one CSV table into records; it must have a header.
func parseCSV(t *testing.T, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v\n%s", err, text)
	}
	if len(recs) < 1 {
		t.Fatalf("CSV is empty, want at least a header")
	}
	return recs
}

// readCSV parses one CSV table (header first) that has at least one row.
func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	recs := parseCSV(t, text)
	if len(recs) < 2 {
		t.Fatalf("CSV has %d records, want a header and at least one row:\n%s", len(recs), text)
	}
	return recs
}

// column returns the index of name in a CSV header.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("CSV header %v has no column %q", header, name)
	return -1
}

// parseFloat parses a CSV number (plain digits, a dot for decimals).
func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number in CSV: %q", s)
	}
	return v
}

// parseMoney parses a euro amount as report.Lang.Money writes it:
// en "€1,234" / "-€1,234", nl "€ 1.234" / "€ -1.234".
func parseMoney(t *testing.T, s, lang string) float64 {
	t.Helper()
	x := strings.TrimSpace(s)
	x = strings.ReplaceAll(x, "€", "")
	x = strings.ReplaceAll(x, " ", "")
	switch lang {
	case "en":
		x = strings.ReplaceAll(x, ",", "")
	case "nl":
		x = strings.ReplaceAll(x, ".", "")
		x = strings.ReplaceAll(x, ",", ".")
	default:
		t.Fatalf("parseMoney: unknown language %q", lang)
	}
	v, err := strconv.ParseFloat(x, 64)
	if err != nil {
		t.Fatalf("not a %s euro amount: %q", lang, s)
	}
	return v
}

func TestParseMoney(t *testing.T) {
	// The helper itself: the other tests' numbers are only as good as it is.
	cases := []struct {
		in, lang string
		want     float64
	}{
		{"€0", "en", 0},
		{"€1,234", "en", 1234},
		{"-€300,000", "en", -300000},
		{"€1,234,567", "en", 1234567},
		{"€ 0", "nl", 0},
		{"€ 1.234", "nl", 1234},
		{"€ -300.000", "nl", -300000},
		{"€ 1.234.567", "nl", 1234567},
	}
	for _, c := range cases {
		if got := parseMoney(t, c.in, c.lang); got != c.want {
			t.Errorf("parseMoney(%q, %s) = %v, want %v", c.in, c.lang, got, c.want)
		}
	}
}

// cents is v as JSON writes euros: rounded to the cent, by the rule of
// roundNumber.
func cents(v float64) float64 {
	f, err := strconv.ParseFloat(roundNumber("amount", v), 64)
	if err != nil {
		panic(err)
	}
	return f
}

// centsSummary is a summary as JSON writes it.
func centsSummary(s sim.Summary) sim.Summary {
	return sim.Summary{Paid: cents(s.Paid), Received: cents(s.Received), Saved: cents(s.Saved), Legacy: cents(s.Legacy), Net: cents(s.Net)}
}
