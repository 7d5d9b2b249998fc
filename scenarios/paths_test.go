package scenarios

import (
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

func parseSmall(t testing.TB) *Scenario {
	t.Helper()
	src, err := ExampleSource("small")
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse("small.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestGetSet reads a value, sets a new one and reads it back. "before" is
// the value in examples/small.toml (line numbers there).
func TestGetSet(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		before any
		set    any
		after  any
	}{
		{"region rate", "region.discount_rate", 0.03, 0.04, 0.04},                                     // line 12
		{"region int from float", "region.horizon", 5, 7.0, 7},                                        // line 11; a whole float is fine
		{"region text", "region.name", "Kleine regio", "Groot", "Groot"},                              // line 8
		{"turnover from int", "party.zv.turnover", 130_000_000.0, 140_000_000, 140e6},                 // line 25; an int becomes a float
		{"turnover from int64", "party.gemeente.turnover", 70e6, int64(1), 1.0},                       // line 19
		{"unset growth", "party.zv.growth", 0.02, 0.03, 0.03},                                         // unset: the region's indexation, line 13
		{"savings entry", "initiative.welzijn-op-recept.savings.zv", 180_000.0, 190_000.0, 190_000.0}, // line 55
		{"savings scale", "initiative.welzijn-op-recept.savings_scale", 1.0, 0.5, 0.5},                // default 1 (setDefaults)
		{"default start", "initiative.welzijn-op-recept.start", 2026, 2027, 2027},                     // line 51
		{"funds entry", "instrument.iza.funds.welzijn-op-recept", 200_000.0, 150_000.0, 150_000.0},    // line 64
		{"instrument int", "instrument.iza.until", 2027, 2028, 2028},                                  // line 62
		{"instrument growth set to 0", "instrument.iza.growth", 0.0, 0.01, 0.01},                      // line 63: 0.0, not the indexation
		{"flow growth unset", "flow.wmo-welzijn.growth", 0.02, 0.0, 0.0},                              // unset: indexation, line 13
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := parseSmall(t)
			got, err := s.Get(tc.path)
			if err != nil || got != tc.before {
				t.Fatalf("Get(%q) = %#v, %v; want %#v", tc.path, got, err, tc.before)
			}
			if err := s.Set(tc.path, tc.set); err != nil {
				t.Fatalf("Set(%q, %#v): %v", tc.path, tc.set, err)
			}
			got, err = s.Get(tc.path)
			if err != nil || got != tc.after {
				t.Errorf("after Set: Get(%q) = %#v, %v; want %#v", tc.path, got, err, tc.after)
			}
			if errs := s.Check().Errors(); len(errs) > 0 {
				t.Errorf("Check after Set: %v", errs)
			}
		})
	}
}

// TestUnsetGrowthFollowsIndexation: an unset growth reads as the region's
// indexation, also after the indexation changes; a set one does not.
func TestUnsetGrowthFollowsIndexation(t *testing.T) {
	s := parseSmall(t)
	if err := s.Set("party.zv.growth", 0.03); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("region.indexation", 0.05); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]float64{
		"party.gemeente.growth": 0.05, // unset in the file
		"party.zv.growth":       0.03, // set above
		"instrument.iza.growth": 0.0,  // set in the file (line 63)
	} {
		if got, err := s.GetFloat(path); err != nil || got != want {
			t.Errorf("GetFloat(%q) = %v, %v; want %v", path, got, err, want)
		}
	}
}

// TestSetNewMapEntry: a map entry absent from the file cannot be read but
// can be set; the scenario then checks it like one written in the file.
func TestSetNewMapEntry(t *testing.T) {
	s := parseSmall(t)
	const p = "initiative.welzijn-op-recept.savings.welzijn"
	if _, err := s.Get(p); err == nil {
		t.Fatalf("Get(%q) of an absent entry succeeded", p)
	}
	if err := s.Set(p, 5_000); err != nil {
		t.Fatal(err)
	}
	if got, err := s.GetFloat(p); err != nil || got != 5_000 {
		t.Errorf("GetFloat = %v, %v; want 5000", got, err)
	}
	if err := s.Set("initiative.welzijn-op-recept.savings.nobody", 1); err != nil {
		t.Fatal(err)
	}
	ps := s.Check().Errors()
	if p, ok := findProblem(ps, "initiative.welzijn-op-recept.savings.nobody"); !ok || p.Msg != `unknown party "nobody"` {
		t.Errorf("Check after setting savings of an unknown party: %v", ps)
	}
}

func TestSetRejects(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		value any
		msg   string
	}{
		{"fraction for a year", "instrument.iza.until", 2028.5, "expected a whole number, found the number 2028.5"},
		{"text for a year", "instrument.iza.until", "2028", `expected a whole number, found "2028"`},
		{"text for a number", "party.zv.turnover", "veel", `expected a number, found "veel"`},
		{"bool for a number", "region.discount_rate", true, "expected a number, found true"},
		{"number for text", "region.name", 3.0, "expected text, found the number 3"},
		{"list", "party.zv.turnover_series", 1.0, "lists cannot be set by path"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := parseSmall(t)
			before, _ := s.Get(tc.path)
			err := s.Set(tc.path, tc.value)
			var pe *PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Set(%q, %#v) = %v, want a *PathError", tc.path, tc.value, err)
			}
			if pe.Path != tc.path || pe.Msg != tc.msg {
				t.Errorf("got %q: %q, want %q: %q", pe.Path, pe.Msg, tc.path, tc.msg)
			}
			if after, _ := s.Get(tc.path); after != before {
				t.Errorf("a rejected Set changed the value from %#v to %#v", before, after)
			}
		})
	}
}

func TestPathErrors(t *testing.T) {
	tests := []struct {
		path      string
		msg, hint string
	}{
		{"regoin.discount_rate", `unknown kind "regoin" (paths start with region, party, flow, initiative, instrument)`, `did you mean "region"?`},
		{"party.zw.turnover", `no party with id "zw"`, `did you mean "zv"?`},
		{"instrument.izaa.until", `no instrument with id "izaa"`, `did you mean "iza"?`},
		{"party.zv.turnovr", `unknown key "turnovr"`, `did you mean "turnover"?`},
		{"instrument.iza.fund.welzijn-op-recept", `unknown key "fund"`, `did you mean "funds"?`},
		{"initiative.welzijn-op-recept.savings.zw", `no entry "zw"`, `did you mean "zv"?`},
		{"initiative.welzijn-op-recept.savings", "a table key needs one more part, e.g. savings.ID", ""},
		{"region.discount_rate.x", `"discount_rate" has no parts`, ""},
		{"party.zv", "a path is kind.id.key, e.g. party.ID.KEY", ""},
		{"region", "the path names no key", ""},
		{"rente", `unknown kind "rente" (paths start with region, party, flow, initiative, instrument)`, ""}, // far from every kind
	}
	s := parseSmall(t)
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			_, err := s.Get(tc.path)
			var pe *PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Get(%q) = %v, want a *PathError", tc.path, err)
			}
			if pe.Path != tc.path || pe.Msg != tc.msg || pe.Hint != tc.hint {
				t.Errorf("got %+v\nwant {Path:%s Msg:%s Hint:%s}", *pe, tc.path, tc.msg, tc.hint)
			}
			want := tc.path + ": " + tc.msg
			if tc.hint != "" {
				want += "; " + tc.hint
			}
			if err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
			// Set resolves the same way, except for an absent map entry,
			// which it creates.
			if tc.msg != `no entry "zw"` {
				if err := s.Set(tc.path, 1.0); !errors.As(err, &pe) {
					t.Errorf("Set(%q) = %v, want a *PathError", tc.path, err)
				}
			}
		})
	}
}

func TestGetFloatOfText(t *testing.T) {
	s := parseSmall(t)
	_, err := s.GetFloat("region.name")
	var pe *PathError
	if !errors.As(err, &pe) || pe.Msg != "is not a number" {
		t.Errorf("GetFloat(region.name) = %v, want \"is not a number\"", err)
	}
}

// TestPaths: Paths lists the numbers of the scenario and nothing else, and
// every path it lists can be read and written back.
func TestPaths(t *testing.T) {
	small := parseSmall(t)
	paths := small.Paths()
	if !slices.IsSorted(paths) || len(slices.Compact(slices.Clone(paths))) != len(paths) {
		t.Errorf("Paths() is not sorted or has duplicates: %q", paths)
	}
	for _, p := range []string{
		"region.discount_rate", "region.horizon", "region.first_year",
		"party.zv.turnover", "party.zv.growth", // growth is unset in the file, still a path
		"flow.wmo-welzijn.amount",
		"initiative.welzijn-op-recept.savings.zv", "initiative.welzijn-op-recept.savings_scale",
		"instrument.iza.funds.welzijn-op-recept", "instrument.iza.until",
	} {
		if !slices.Contains(paths, p) {
			t.Errorf("Paths() lacks %s", p)
		}
	}
	for _, p := range []string{
		"region.name", "party.zv.id", "party.zv.kind", "party.zv.turnover_series",
		"flow.wmo-welzijn.stream", "initiative.welzijn-op-recept.gap", "instrument.iza.type",
		"initiative.welzijn-op-recept.savings.welzijn", // not in the file
	} {
		if slices.Contains(paths, p) {
			t.Errorf("Paths() lists %s, which is not a number of the scenario", p)
		}
	}

	for _, name := range Examples() {
		t.Run(name, func(t *testing.T) {
			s, err := Example(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range s.Paths() {
				v, err := s.Get(p)
				if err != nil {
					t.Errorf("Get(%q): %v", p, err)
					continue
				}
				if _, err := s.GetFloat(p); err != nil {
					t.Errorf("GetFloat(%q): %v", p, err)
				}
				if err := s.Set(p, v); err != nil {
					t.Errorf("Set(%q, %#v): %v", p, v, err)
					continue
				}
				if w, _ := s.Get(p); w != v {
					t.Errorf("%s: Set(Get()) changed %#v to %#v", p, v, w)
				}
			}
			if errs := s.Check().Errors(); len(errs) > 0 {
				t.Errorf("Check after writing every path back: %v", errs)
			}
		})
	}
}

// TestSetGetProperty: for any listed path of the realistic example and any
// value of the path's type, Get returns what Set wrote.
func TestSetGetProperty(t *testing.T) {
	base, err := Example("realistic")
	if err != nil {
		t.Fatal(err)
	}
	paths := base.Paths()
	rapid.Check(t, func(t *rapid.T) {
		s := base.Clone()
		p := rapid.SampledFrom(paths).Draw(t, "path")
		old, _ := s.Get(p)
		var v any
		switch old.(type) {
		case int:
			v = rapid.IntRange(-3000, 3000).Draw(t, "int")
		default:
			v = rapid.Float64Range(-1e12, 1e12).Draw(t, "float")
		}
		if err := s.Set(p, v); err != nil {
			t.Fatalf("Set(%q, %v): %v", p, v, err)
		}
		if got, err := s.Get(p); err != nil || got != v {
			t.Fatalf("Get(%q) = %#v, %v after Set %#v", p, got, err, v)
		}
	})
}
