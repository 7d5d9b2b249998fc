package main

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/report"
)

// sumLine is the closing line of `explain --party`: paid, received, saved
// and net, as report/labels.go key explain.sum words it.
type sumLine struct{ paid, received, saved, legacy, net float64 }

// parseSumLine finds the explain.sum line in a table-format explain output
// and parses its four euro amounts. A party without entries has no sum
// line but the explain.none note: its figures are all zero.
func parseSumLine(t *testing.T, out, lang string) sumLine {
	t.Helper()
	l, err := report.NewLang(lang)
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(l.T("explain.none")) + `$`).MatchString(out) {
		return sumLine{}
	}
	// The label is the pattern: "paid %s · received %s · saved %s · net %s".
	pat := strings.ReplaceAll(regexp.QuoteMeta(l.T("explain.sum")), "%s", `(-?€ ?-?[0-9.,]+)`)
	re := regexp.MustCompile(`(?m)^` + pat + `$`)
	ms := re.FindAllStringSubmatch(out, -1)
	if len(ms) != 1 {
		t.Fatalf("want one sum line matching %s, found %d in:\n%s", re, len(ms), out)
	}
	m := ms[0]
	return sumLine{parseMoney(t, m[1], lang), parseMoney(t, m[2], lang), parseMoney(t, m[3], lang), parseMoney(t, m[4], lang), parseMoney(t, m[5], lang)}
}

// partyFigures reads paid, received, saved and net of one party from `run
// --format csv`: the table party_years for one year, parties for year 0.
func partyFigures(t *testing.T, ex, party string, year int) sumLine {
	t.Helper()
	table := "parties"
	if year != 0 {
		table = "party_years"
	}
	recs := readCSV(t, mustRun(t, "run", "--example", ex, "--format", "csv", "--table", table))
	h := recs[0]
	cp, cpaid, crec, csav, cleg, cnet := column(t, h, "party"), column(t, h, "paid"), column(t, h, "received"), column(t, h, "saved"), column(t, h, "legacy"), column(t, h, "net")
	for _, row := range recs[1:] {
		if row[cp] != party {
			continue
		}
		if year != 0 && row[column(t, h, "year")] != strconv.Itoa(year) {
			continue
		}
		return sumLine{parseFloat(t, row[cpaid]), parseFloat(t, row[crec]), parseFloat(t, row[csav]), parseFloat(t, row[cleg]), parseFloat(t, row[cnet])}
	}
	t.Fatalf("no row for party %s, year %d in %s", party, year, table)
	return sumLine{}
}

// TestExplainPartySmall: the worked example of the brief. zv's only entry
// in 2027 is avoided care: small.toml saves zv 180_000 a year at full scale,
// indexed by 2 % to 183_600 in 2027, at half scale in its first savings year
// (ramp_years 2, savings_lag 1): 91_800; the initiative runs at
// 200_000 / 204_000 of its cost that year (the IZA budget against the cost
// 200_000 × 1.02), so the saving is 91_800 × 200/204 = 90_000.
func TestExplainPartySmall(t *testing.T) {
	out := mustRun(t, "explain", "--party", "zv", "--example", "small", "--year", "2027")
	if !strings.Contains(out, "Kleine regio · Zorgverzekeraar · 2027") { // explain.head, with the name of zv
		t.Errorf("no heading for zv in 2027:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^2027\s+avoided care\s+saved\s+.*welzijn-op-recept.*€90,000$`).MatchString(out) {
		t.Errorf("no avoided-care entry of €90,000 for welzijn-op-recept:\n%s", out)
	}
	got := parseSumLine(t, out, "en")
	want := sumLine{paid: 0, received: 0, saved: 90_000, net: 90_000}
	if got != want {
		t.Errorf("sum line %+v, want %+v", got, want)
	}
	// And the same as `run` says for zv in 2027.
	if run := partyFigures(t, "small", "zv", 2027); math.Abs(run.net-got.net) > 0.5 {
		t.Errorf("explain says net %.0f, run says %.2f", got.net, run.net)
	}
}

// TestExplainSumMatchesRun: for every party of the examples, the sum line
// of explain equals what run reports for it, per year and over the horizon,
// in both languages. The sum line shows whole euros (report.Lang.Money
// rounds), the CSV cents: they agree within half a euro and a cent.
func TestExplainSumMatchesRun(t *testing.T) {
	for _, ex := range []string{"small", "realistic"} {
		s := example(t, ex)
		years := []int{0} // 0: the whole horizon
		for y := s.Region.FirstYear; y <= s.LastYear(); y++ {
			if ex == "small" || y == s.Region.FirstYear+1 { // realistic: one year is enough
				years = append(years, y)
			}
		}
		for _, p := range s.Parties {
			for _, y := range years {
				for _, lang := range []string{"en", "nl"} {
					t.Run(fmt.Sprintf("%s/%s/%d/%s", ex, p.ID, y, lang), func(t *testing.T) {
						args := []string{"explain", "--example", ex, "--party", p.ID, "--lang", lang}
						if y != 0 {
							args = append(args, "--year", strconv.Itoa(y))
						}
						got := parseSumLine(t, mustRun(t, args...), lang)
						want := partyFigures(t, ex, p.ID, y)
						const tol = 0.505
						for _, f := range []struct {
							name      string
							got, want float64
						}{{"paid", got.paid, want.paid}, {"received", got.received, want.received}, {"saved", got.saved, want.saved}, {"legacy", got.legacy, want.legacy}, {"net", got.net, want.net}} {
							if math.Abs(f.got-f.want) > tol {
								t.Errorf("%s: explain %.0f, run %.2f", f.name, f.got, f.want)
							}
						}
					})
				}
			}
		}
	}
}

// TestExplainEntriesAddUp: in CSV the entries are to the cent; those going
// out add up to paid, those coming in to received, the avoided care to
// saved (regular flows are the reference and not counted: labels.go
// note.net), per party and year as run reports them.
func TestExplainEntriesAddUp(t *testing.T) {
	for _, ex := range []string{"small", "realistic"} {
		s := example(t, ex)
		y := s.Region.FirstYear + 1
		for _, p := range s.Parties {
			t.Run(fmt.Sprintf("%s/%s/%d", ex, p.ID, y), func(t *testing.T) {
				out := mustRun(t, "explain", "--example", ex, "--party", p.ID, "--year", strconv.Itoa(y), "--format", "csv")
				recs := parseCSV(t, out)
				h := recs[0]
				cy, cdir, camt := column(t, h, "year"), column(t, h, "direction"), column(t, h, "amount")
				var got sumLine
				for _, row := range recs[1:] {
					if row[cy] != strconv.Itoa(y) {
						t.Errorf("entry of year %s in an explanation of %d", row[cy], y)
					}
					a := parseFloat(t, row[camt])
					// CSV carries stable English words, whatever the language.
					switch row[cdir] {
					case "out":
						got.paid += a
					case "in":
						got.received += a
					case "saved":
						got.saved += a
					case "legacy_out":
						got.legacy -= a
					case "legacy_in":
						got.legacy += a
					case "refund":
						got.paid -= a
					case "flow_in", "flow_out":
					default:
						t.Errorf("unknown direction %q", row[cdir])
					}
				}
				want := partyFigures(t, ex, p.ID, y)
				tol := 0.005*float64(len(recs)) + 0.005 // half a cent per rounded entry and for the total
				if math.Abs(got.paid-want.paid) > tol || math.Abs(got.received-want.received) > tol || math.Abs(got.saved-want.saved) > tol || math.Abs(got.legacy-want.legacy) > tol {
					t.Errorf("entries add up to paid %.2f, received %.2f, saved %.2f; run says %.2f, %.2f, %.2f",
						got.paid, got.received, got.saved, want.paid, want.received, want.saved)
				}
			})
		}
	}
}

// TestExplainInitiative: the funding and cost of an initiative in its first
// year. small.toml: cost 200_000 at full scale, ramp_years 2, so 100_000 in
// 2026, all funded by the IZA money of "rijk" (funds 200_000 a year).
func TestExplainInitiative(t *testing.T) {
	out := mustRun(t, "explain", "--example", "small", "--initiative", "welzijn-op-recept", "--year", "2026", "--format", "csv")
	recs := readCSV(t, out)
	h := recs[0]
	ck, cdir, cwho, camt := column(t, h, "entry_kind"), column(t, h, "direction"), column(t, h, "counterparty"), column(t, h, "amount")
	if len(recs) != 3 { // header, funding in, cost out
		t.Fatalf("%d entries, want 2 (funding and cost):\n%s", len(recs)-1, out)
	}
	got := map[string]string{}
	for _, row := range recs[1:] {
		got[row[ck]+"/"+row[cdir]+"/"+row[cwho]] = row[camt]
	}
	want := map[string]string{
		"funding/in/rijk":  "100000.00",
		"cost/out/outside": "100000.00",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("entry %s: %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

// TestExplainUsageErrors: unknown ids, a year outside the horizon, or no
// subject at all are usage errors (exit 2) that say what is wrong.
func TestExplainUsageErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		// small.toml's parties are gemeente, zv, welzijn, rijk.
		{"unknown party", []string{"explain", "--example", "small", "--party", "zw"},
			[]string{"--party", `no party "zw"`, "gemeente, zv, welzijn, rijk", `did you mean "zv"?`}},
		{"unknown initiative", []string{"explain", "--example", "small", "--initiative", "welzijn-op-recep"},
			[]string{"--initiative", `did you mean "welzijn-op-recept"?`}},
		// small.toml: first_year 2026, horizon 5: 2026–2030.
		{"year after the horizon", []string{"explain", "--example", "small", "--party", "zv", "--year", "2031"},
			[]string{"--year 2031", "2026–2030"}},
		{"year before the horizon", []string{"explain", "--example", "small", "--party", "zv", "--year", "2025"},
			[]string{"--year 2025", "2026–2030"}},
		{"no party or initiative", []string{"explain", "--example", "small"},
			[]string{"--party ID or --initiative ID"}},
		{"unknown format", []string{"explain", "--example", "small", "--party", "zv", "--format", "xml"},
			[]string{"--format", "table, csv, json, markdown"}},
		{"too many args", []string{"explain", "a.toml", "b.toml", "--party", "zv"},
			[]string{"at most 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runCLI(t, c.args...)
			if r.code != exitInput {
				t.Errorf("exit %d, want %d; stderr %q", r.code, exitInput, r.stderr)
			}
			for _, w := range c.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("wrote to stdout on error: %q", r.stdout)
			}
		})
	}
}

// TestExplainJSON: the entries as records with stable keys; for zv in 2027
// of the small example one saving of 90 000 (by hand in TestExplainPartySmall).
func TestExplainJSON(t *testing.T) {
	out := mustRun(t, "explain", "--example", "small", "--party", "zv", "--year", "2027", "--format", "json")
	var recs []map[string]any
	if err := json.Unmarshal([]byte(out), &recs); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0]["direction"] != "saved" || recs[0]["amount"] != 90000.0 {
		t.Errorf("got %v", recs)
	}
}

// TestExplainNamesAndNoOne: explain --party says the party by its name in
// its title and the wrong-pocket table's title and headers, and that
// table's "no one" is two rows labelled by what each column holds: in the
// first the party's cost that saves no one (its row, column none, of run's
// wrong_pocket matrix), in the second its savings beyond the cost (row
// none, its column). The expected figures are read from that matrix.
func TestExplainNamesAndNoOne(t *testing.T) {
	out := mustRun(t, "explain", "--party", "zv-a")
	lines := strings.Split(out, "\n")
	if want := "Regio Voorbeeld · Zorgverzekeraar A · 2026–2035 · the entries behind its figures"; lines[0] != want {
		t.Errorf("title %q, want %q", lines[0], want)
	}
	for _, want := range []string{"Wrong pocket for Zorgverzekeraar A, present values", "Zorgverzekeraar A bears cost for their savings", "they bear cost for savings of Zorgverzekeraar A"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q:\n%s", want, out)
		}
	}
	for i, ln := range lines {
		if strings.HasPrefix(ln, "Wrong pocket for") && (strings.Contains(ln, "zv-a") || strings.Contains(lines[i+1], "zv-a")) {
			t.Errorf("the wrong-pocket table's title or header names the id zv-a:\n%s\n%s", ln, lines[i+1])
		}
	}
	if nl := mustRun(t, "explain", "--party", "zv-a", "--lang", "nl"); !strings.Contains(nl, "Verkeerde zak voor Zorgverzekeraar A") || !strings.Contains(nl, "Zorgverzekeraar A draagt kosten") {
		t.Errorf("Dutch explain lacks the name:\n%s", nl)
	}

	// The matrix: row zv-a, column none; row none, column zv-a.
	m := readCSV(t, mustRun(t, "run", "--table", "wrong_pocket", "--format", "csv"))
	cell := func(row, col string) float64 {
		for _, r := range m[1:] {
			if r[0] == row {
				return parseFloat(t, r[column(t, m[0], col)])
			}
		}
		t.Fatalf("wrong_pocket has no row %s", row)
		return 0
	}
	costNoSaving, savedBeyond := cell("zv-a", "none"), cell("none", "zv-a")
	if costNoSaving == 0 || savedBeyond == 0 {
		t.Fatalf("the example no longer has both: %v, %v", costNoSaving, savedBeyond)
	}
	csvOut := mustRun(t, "explain", "--party", "zv-a", "--format", "csv")
	_, wpPart, ok := strings.Cut(csvOut, "# wrong_pocket_party\n")
	if !ok {
		t.Fatalf("no wrong_pocket_party table:\n%s", csvOut)
	}
	wp := readCSV(t, wpPart)
	var none [][]string
	for _, r := range wp[1:] {
		if r[0] == "none" {
			none = append(none, r)
		}
	}
	if len(none) != 2 || none[0][2] != "" || none[1][1] != "" ||
		math.Abs(parseFloat(t, none[0][1])-costNoSaving) > 0.005 || math.Abs(parseFloat(t, none[1][2])-savedBeyond) > 0.005 {
		t.Errorf("rows none %v, want [none %.2f ''] and [none '' %.2f]", none, costNoSaving, savedBeyond)
	}
	l := report.English
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(l.T("wp.none_saver")) + `\s+` + regexp.QuoteMeta(l.Money(costNoSaving)) + `\s*$`),
		regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(l.T("wp.none_bearer")) + `\s+` + regexp.QuoteMeta(l.Money(savedBeyond)) + `$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("explain lacks a row matching %s:\n%s", want, out)
		}
	}
}
