package scenarios

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/instruments"
)

// smallSource returns examples/small.toml. Every line number in this
// file's tests was counted by hand in that file (64 lines; [region] is
// line 7, the four [[party]] headers are lines 15, 21, 27 and 33, [[flow]]
// 39, [[initiative]] 46, [initiative.savings] 54, [[instrument]] 58).
func smallSource(t *testing.T) string {
	t.Helper()
	src, err := ExampleSource("small")
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// smallWith returns examples/small.toml with each old text replaced by its
// new text (pairs of arguments). Each old text must occur exactly once, so
// that a changed example fails here and not in a puzzling assertion.
func smallWith(t *testing.T, edits ...string) []byte {
	t.Helper()
	src := smallSource(t)
	for i := 0; i+1 < len(edits); i += 2 {
		old, repl := edits[i], edits[i+1]
		if n := strings.Count(src, old); n != 1 {
			t.Fatalf("examples/small.toml has %q %d times, want once", old, n)
		}
		src = strings.Replace(src, old, repl, 1)
	}
	return []byte(src)
}

// parseProblems parses src and returns its problems; it fails the test when
// Parse succeeds or returns something other than Problems.
func parseProblems(t *testing.T, src []byte) Problems {
	t.Helper()
	s, err := Parse("x.toml", src)
	if err == nil {
		t.Fatalf("Parse succeeded, want problems (scenario %q)", s.Name())
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse error is %T (%v), want Problems", err, err)
	}
	if len(ps) == 0 {
		t.Fatal("Parse returned an empty Problems error")
	}
	for _, p := range ps {
		if p.Warning {
			t.Errorf("Parse error holds a warning: %v", p)
		}
		if p.File != "x.toml" {
			t.Errorf("problem names file %q, want x.toml: %v", p.File, p)
		}
	}
	return ps
}

func findProblem(ps Problems, key string) (Problem, bool) {
	for _, p := range ps {
		if p.Key == key {
			return p, true
		}
	}
	return Problem{}, false
}

func TestExamplesParse(t *testing.T) {
	names := Examples()
	for _, want := range []string{"small", "realistic", DefaultExample} {
		if !slices.Contains(names, want) {
			t.Errorf("Examples() = %q, missing %q", names, want)
		}
	}
	if slices.Contains(names, "template") {
		t.Errorf("Examples() = %q lists the template", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			s, err := Example(name)
			if err != nil {
				t.Fatalf("Example(%q): %v", name, err)
			}
			if s.File != "builtin:"+name {
				t.Errorf("File = %q, want builtin:%s", s.File, name)
			}
			if errs := s.Check().Errors(); len(errs) > 0 {
				t.Errorf("Check after Parse: %v", errs)
			}
			if len(s.Parties) == 0 || len(s.Initiatives) == 0 || len(s.Instruments) == 0 {
				t.Errorf("%d parties, %d initiatives, %d instruments: want some of each",
					len(s.Parties), len(s.Initiatives), len(s.Instruments))
			}
		})
	}
}

func TestExampleUnknown(t *testing.T) {
	_, err := ExampleSource("nope")
	if err == nil || !strings.Contains(err.Error(), `"nope"`) || !strings.Contains(err.Error(), "small") {
		t.Errorf("ExampleSource(nope) = %v, want an error naming nope and the known examples", err)
	}
	if _, err := Example("nope"); err == nil {
		t.Error("Example(nope) succeeded")
	}
}

// TestSmallValues reads back values of examples/small.toml, including the
// defaults the file leaves out.
func TestSmallValues(t *testing.T) {
	s, err := Parse("small.toml", []byte(smallSource(t)))
	if err != nil {
		t.Fatal(err)
	}
	in := s.Initiatives[0]
	tf, _ := s.Instrument("iza")
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"name", s.Name(), "Kleine regio"},                   // line 8
		{"horizon", s.Region.Horizon, 5},                     // line 11
		{"last year", s.LastYear(), 2030},                    // 2026 + 5 − 1
		{"discount", s.Region.DiscountRate, 0.03},            // line 12
		{"parties", len(s.Parties), 4},                       // four [[party]]
		{"domain from kind", s.Parties[1].Domain, "medical"}, // insurer → medical (partyKinds)
		{"savings zv", in.Savings["zv"], 180_000.0},          // line 55
		{"savings_scale default", in.SavingsScale, 1.0},      // Initiative.setDefaults
		{"gap default", in.Gap, "scale"},                     // Initiative.setDefaults
		{"end default", in.End, 0},                           // 0: runs to the horizon
		{"instrument type", tf.Meta().Type, "transformation_funds"},
		{"no warnings", len(s.Warnings), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

// TestDefaults: a file without horizon, discount_rate and start gets the
// defaults of bind (10 years, 0.03, start = first_year).
func TestDefaults(t *testing.T) {
	s, err := Parse("d.toml", smallWith(t,
		"horizon = 5                  # years\n", "",
		"discount_rate = 0.03 ", "",
		"start = 2026\n", ""))
	if err != nil {
		t.Fatal(err)
	}
	if s.Region.Horizon != 10 || s.Region.DiscountRate != 0.03 || s.Initiatives[0].Start != 2026 {
		t.Errorf("horizon %d, discount %g, start %d; want 10, 0.03, 2026",
			s.Region.Horizon, s.Region.DiscountRate, s.Initiatives[0].Start)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "kleine-regio.toml")
	if err := os.WriteFile(file, []byte(smallSource(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(file)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if s.File != file {
		t.Errorf("File = %q, want %q", s.File, file)
	}

	missing := filepath.Join(dir, "missing.toml")
	_, err = Load(missing)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("Load(missing) = %v, want one problem", err)
	}
	if ps[0].File != missing || !strings.HasPrefix(ps[0].Msg, "cannot read the file: ") {
		t.Errorf("Load(missing) = %+v, want the file and \"cannot read the file: …\"", ps[0])
	}
}

func TestParseProblems(t *testing.T) {
	type want struct {
		key, msg, hint string
		line           int
	}
	tests := []struct {
		name  string
		edits []string // pairs for smallWith
		want  want
		count int // number of problems; 0: not checked
	}{
		// Unknown keys, with the nearest known key (bind).
		{"unknown key in region", []string{"horizon = 5 ", "horizn = 5 "},
			want{key: "region.horizn", line: 11, msg: "unknown key", hint: `did you mean "horizon"?`}, 1},
		{"unknown key in party", []string{"turnover = 3_000_000", "turnovr = 3_000_000"},
			want{key: "party.welzijn.turnovr", line: 31, msg: "unknown key", hint: `did you mean "turnover"?`}, 1},
		{"unknown key in initiative", []string{"ramp_years = 2", "ramp_yeers = 2"},
			want{key: "initiative.welzijn-op-recept.ramp_yeers", line: 52, msg: "unknown key", hint: `did you mean "ramp_years"?`}, 1},
		{"unknown key in instrument", []string{"growth = 0.0 ", "grwth = 0.0 "},
			want{key: "instrument.iza.grwth", line: 63, msg: "unknown key", hint: `did you mean "growth"?`}, 1},
		{"unknown key in savings table is a party", []string{"zv = 180_000", "zw = 180_000"},
			want{key: "initiative.welzijn-op-recept.savings.zw", line: 55, msg: `unknown party "zw"`, hint: `did you mean "zv"?`}, 1},
		{"unknown top-level key", []string{"[region]", "regoin = 1\n[region]"},
			want{key: "regoin", line: 7, msg: "unknown key", hint: `did you mean "region"?`}, 1},

		// Wrong types (bind).
		{"text for a number", []string{"turnover = 130_000_000", `turnover = "veel"`},
			want{key: "party.zv.turnover", line: 25, msg: `expected a number, found "veel"`}, 1},
		{"fraction for a year", []string{"until = 2027", "until = 2027.5"},
			want{key: "instrument.iza.until", line: 62, msg: "expected a whole number, found the number 2027.5"}, 0}, // 0: also reported as missing
		{"number for text", []string{`name = "Kleine regio"`, "name = 7"},
			want{key: "region.name", line: 8, msg: "expected text in quotes, found the number 7"}, 1},

		// Words from a fixed list (Check).
		{"unknown party kind", []string{`kind = "insurer"`, `kind = "insurrer"`},
			want{key: "party.zv.kind", line: 24, msg: `unknown party kind "insurrer"`, hint: `did you mean "insurer"?`}, 1},
		{"unknown stream", []string{`stream = "wmo"`, `stream = "wmoo"`},
			want{key: "flow.wmo-welzijn.stream", line: 43, msg: `unknown funding stream "wmoo"`, hint: `did you mean "wmo"?`}, 1},
		{"far stream lists the streams", []string{`stream = "wmo"`, `stream = "zorg"`},
			want{key: "flow.wmo-welzijn.stream", line: 43, msg: `unknown funding stream "zorg"`,
				hint: "one of zvw, wlz, wmo, jeugdwet, iza, spuk, own, other"}, 1}, // the streams var

		// Values out of range (Check).
		{"rate above 1", []string{"discount_rate = 0.03", "discount_rate = 1.5"},
			want{key: "region.discount_rate", line: 12, msg: "1.5 is outside 0..1 (rates are fractions: 3 % is 0.03)"}, 1},
		{"negative rate", []string{"discount_rate = 0.03", "discount_rate = -0.01"},
			want{key: "region.discount_rate", line: 12, msg: "-0.01 is outside 0..1 (rates are fractions: 3 % is 0.03)"}, 1},
		{"negative population", []string{"population = 60_000", "population = -60_000"},
			want{key: "region.population", line: 9, msg: "-60000 is negative; amounts are euros, 0 or more"}, 1},
		{"negative turnover", []string{"turnover = 70_000_000", "turnover = -70_000_000"},
			want{key: "party.gemeente.turnover", line: 19, msg: "-70000000 is negative; amounts are euros, 0 or more"}, 1},
		{"negative flow amount", []string{"amount = 2_500_000", "amount = -2_500_000"},
			want{key: "flow.wmo-welzijn.amount", line: 44, msg: "-2500000 is negative; amounts are euros, 0 or more"}, 1},
		{"horizon 0", []string{"horizon = 5 ", "horizon = 0 "},
			want{key: "region.horizon", line: 11, msg: "0 years is outside 1..50"}, 1}, // only the horizon: years are not checked against an impossible one
		{"horizon 51", []string{"horizon = 5 ", "horizon = 51 "},
			want{key: "region.horizon", line: 11, msg: "51 years is outside 1..50"}, 1}, // MaxHorizon = 50
		{"horizon 50 is fine, first_year missing", []string{"horizon = 5 ", "horizon = 50 ", "first_year = 2026\n", ""},
			// first_year is not written: its line is the [region] header's.
			want{key: "region.first_year", line: 7, msg: "missing: the first calendar year of the horizon, e.g. first_year = 2026"}, 1},
		{"implausible first year", []string{"first_year = 2026", "first_year = 226"},
			want{key: "region.first_year", line: 10, msg: "226 is not a plausible year"}, 0}, // 0: start and until (2026, 2027) then fall outside 226–230

		// Years outside the horizon 2026–2030 (first_year 2026, horizon 5).
		{"initiative start after the horizon", []string{"start = 2026", "start = 2031"},
			want{key: "initiative.welzijn-op-recept.start", line: 51, msg: "2031 is outside the horizon 2026–2030"}, 1},
		// Something already running, or ending after the horizon, is
		// accepted with a note (a warning; see TestAlreadyRunning).

		// The instrument's type picks its keys (bind).
		{"unknown instrument type", []string{`type = "transformation_funds"`, `type = "transformation_fund"`},
			want{key: "instrument.iza.type", line: 59, msg: `unknown instrument type "transformation_fund"`, hint: `did you mean "transformation_funds"?`}, 1},
		{"far instrument type lists the types", []string{`type = "transformation_funds"`, `type = "lening"`},
			want{key: "instrument.iza.type", line: 59, msg: `unknown instrument type "lening"`, hint: "known types: " + strings.Join(instruments.Types(), ", ")}, 1}, // the registry, sorted
		{"missing instrument type", []string{`type = "transformation_funds"` + "\n", ""},
			// type is not written: the [[instrument]] header's line.
			want{key: "instrument.iza.type", line: 58, msg: "missing: which kind of instrument this is", hint: "one of " + strings.Join(instruments.Types(), ", ")}, 1},

		// References and ids (Check).
		{"provider unknown", []string{`provider = "welzijn"`, `provider = "welzjin"`},
			want{key: "initiative.welzijn-op-recept.provider", line: 49, msg: `unknown party "welzjin"`, hint: `did you mean "welzijn"?`}, 1},
		{"flow to itself", []string{`to = "welzijn"`, `to = "gemeente"`},
			want{key: "flow.wmo-welzijn.to", line: 42, msg: `a flow needs two different parties; payer and receiver are both "gemeente"`}, 1},
		{"id with a dot", []string{`id = "rijk"`, `id = "rijk.nl"`, `payer = "rijk"`, `payer = "rijk.nl"`},
			// An id with a dot cannot be a path part: the element is named by index.
			want{key: "party[3].id", line: 34, msg: `"rijk.nl" is not a valid id: use letters, digits, - and _ (no dots or spaces)`}, 0}, // 0: payer = "rijk.nl" is then an unknown party too
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := parseProblems(t, smallWith(t, tc.edits...))
			if tc.count > 0 && len(ps) != tc.count {
				t.Errorf("%d problems, want %d:\n%v", len(ps), tc.count, ps)
			}
			p, ok := findProblem(ps, tc.want.key)
			if !ok {
				t.Fatalf("no problem with key %q in:\n%v", tc.want.key, ps)
			}
			if p.Line != tc.want.line {
				t.Errorf("line %d, want %d", p.Line, tc.want.line)
			}
			if p.Msg != tc.want.msg {
				t.Errorf("msg %q, want %q", p.Msg, tc.want.msg)
			}
			if p.Hint != tc.want.hint {
				t.Errorf("hint %q, want %q", p.Hint, tc.want.hint)
			}
		})
	}
}

// TestDuplicateID: a flow reusing a party's id. The flow's id is line 40;
// the party zv's id is line 22.
func TestDuplicateID(t *testing.T) {
	ps := parseProblems(t, smallWith(t, `id = "wmo-welzijn"`, `id = "zv"`))
	if len(ps) != 1 {
		t.Fatalf("%d problems, want 1:\n%v", len(ps), ps)
	}
	p := ps[0]
	if p.Key != "flow.zv.id" {
		t.Errorf("key %q, want flow.zv.id", p.Key)
	}
	if p.Line != 40 {
		t.Errorf("line %d, want 40", p.Line)
	}
	if want := `duplicate id "zv": already used by a party on line 22`; p.Msg != want {
		t.Errorf("msg %q, want %q", p.Msg, want)
	}
}

func TestSyntaxError(t *testing.T) {
	ps := parseProblems(t, smallWith(t, "horizon = 5 ", "horizon = = 5 "))
	if len(ps) != 1 {
		t.Fatalf("%d problems, want 1:\n%v", len(ps), ps)
	}
	p := ps[0]
	if p.Line != 11 { // the horizon line
		t.Errorf("line %d, want 11", p.Line)
	}
	if p.Key != "region.horizon" {
		t.Errorf("key %q, want region.horizon", p.Key)
	}
	if !strings.HasPrefix(p.Msg, "not valid TOML: ") {
		t.Errorf("msg %q, want it to start with \"not valid TOML: \"", p.Msg)
	}
	if !strings.Contains(p.Source, "horizon = = 5") || !strings.Contains(p.Source, "^") {
		t.Errorf("source %q, want the line and a caret", p.Source)
	}
	if s := p.String(); !strings.HasPrefix(s, "x.toml:11: ") || !strings.Contains(s, "\n") {
		t.Errorf("String() = %q, want x.toml:11: … and the source on its own lines", s)
	}
}

// TestSeveralProblems: problems from binding and from checking, in one
// file, all come back, sorted by line.
func TestSeveralProblems(t *testing.T) {
	ps := parseProblems(t, smallWith(t,
		"growth = 0.0 ", "grwth = 0.0 ", // line 63 (bind)
		"turnover = 130_000_000", `turnover = "veel"`, // line 25 (bind)
		"discount_rate = 0.03", "discount_rate = 1.5", // line 12 (Check)
		"horizon = 5 ", "horizn = 5 ", // line 11 (bind)
		`kind = "municipality"`, `kind = "gemeent"`, // line 18 (Check)
		`provider = "welzijn"`, `provider = "welzjin"`, // line 49 (Check)
	))
	want := []struct {
		key  string
		line int
	}{
		{"region.horizn", 11},
		{"region.discount_rate", 12},
		{"party.gemeente.kind", 18},
		{"party.zv.turnover", 25},
		{"initiative.welzijn-op-recept.provider", 49},
		{"instrument.iza.grwth", 63},
	}
	var got, wantS []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%d %s", p.Line, p.Key))
	}
	for _, w := range want {
		wantS = append(wantS, fmt.Sprintf("%d %s", w.line, w.key))
	}
	if !slices.Equal(got, wantS) {
		t.Errorf("problems (line key):\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantS, "\n"))
	}
}
