package scenarios

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// variantsText is appended to examples/small.toml (64 lines, ending in a
// newline), so its first line, the empty one, is line 65.
const variantsText = `
[[instrument]]
type = "wallet"
id = "portemonnee"
rate = 0.001
contributors = ["gemeente", "zv"]
funds = ["welzijn-op-recept"]
from = 2028

[[variant]]
name = "zonder iza"
disable = ["iza"]

[[variant]]
name = "hoger tarief"
set = { "instrument.portemonnee.rate" = 0.002, "region.discount_rate" = 0.04 }
`

// Lines of variantsText after small.toml, counted by hand:
// 66 [[instrument]], 69 rate, 74 the first [[variant]], 76 its disable,
// 78 the second [[variant]], 80 its set.

func variantsSource(t *testing.T, edits ...string) []byte {
	t.Helper()
	src := smallSource(t) + variantsText
	for i := 0; i+1 < len(edits); i += 2 {
		if n := strings.Count(src, edits[i]); n != 1 {
			t.Fatalf("%q occurs %d times, want once", edits[i], n)
		}
		src = strings.Replace(src, edits[i], edits[i+1], 1)
	}
	return []byte(src)
}

func parseVariants(t *testing.T) *Scenario {
	t.Helper()
	s, err := Parse("v.toml", variantsSource(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestVariantNames(t *testing.T) {
	s := parseVariants(t)
	if got, want := s.VariantNames(), []string{"zonder iza", "hoger tarief"}; !slices.Equal(got, want) {
		t.Errorf("VariantNames() = %q, want %q (file order)", got, want)
	}
}

func TestFindVariant(t *testing.T) {
	s := parseVariants(t)
	known := `known: "zonder iza", "hoger tarief"`
	tests := []struct {
		name      string
		msg, hint string // empty msg: found
	}{
		{"hoger tarief", "", ""},
		{"zonder iza", "", ""},
		{"hoger tarif", `no variant "hoger tarif"`, `did you mean "hoger tarief"? (` + known + ")"}, // d = 1
		{"alles", `no variant "alles"`, known},                                                      // far from both
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, err := s.FindVariant(tc.name)
			if tc.msg == "" {
				if err != nil || v == nil || v.Name != tc.name {
					t.Fatalf("FindVariant(%q) = %v, %v", tc.name, v, err)
				}
				return
			}
			var pe *PathError
			if !errors.As(err, &pe) {
				t.Fatalf("FindVariant(%q) = %v, %v; want a *PathError", tc.name, v, err)
			}
			if pe.Msg != tc.msg || pe.Hint != tc.hint {
				t.Errorf("got %q; %q\nwant %q; %q", pe.Msg, pe.Hint, tc.msg, tc.hint)
			}
		})
	}
	t.Run("no variants", func(t *testing.T) {
		_, err := parseSmall(t).FindVariant("x")
		var pe *PathError
		if !errors.As(err, &pe) || pe.Hint != "the scenario has no variants" {
			t.Errorf("FindVariant on a scenario without variants = %v", err)
		}
	})
}

// values reads every numeric path of s.
func values(t *testing.T, s *Scenario) map[string]any {
	t.Helper()
	out := map[string]any{}
	for _, p := range s.Paths() {
		v, err := s.Get(p)
		if err != nil {
			t.Fatalf("Get(%q): %v", p, err)
		}
		out[p] = v
	}
	return out
}

func TestWithVariant(t *testing.T) {
	base := parseVariants(t)
	before := values(t, base)
	tests := []struct {
		variant  string
		disabled []string
		set      map[string]any // path → value in the variant
	}{
		{"zonder iza", []string{"iza"}, nil},
		{"hoger tarief", nil, map[string]any{"instrument.portemonnee.rate": 0.002, "region.discount_rate": 0.04}},
	}
	for _, tc := range tests {
		t.Run(tc.variant, func(t *testing.T) {
			v, err := base.FindVariant(tc.variant)
			if err != nil {
				t.Fatal(err)
			}
			w, err := base.WithVariant(v)
			if err != nil {
				t.Fatalf("WithVariant: %v", err)
			}
			for _, id := range []string{"iza", "portemonnee", "welzijn-op-recept"} {
				if got, want := w.Disabled(id), slices.Contains(tc.disabled, id); got != want {
					t.Errorf("variant: Disabled(%q) = %v, want %v", id, got, want)
				}
				if base.Disabled(id) {
					t.Errorf("base: Disabled(%q) after WithVariant", id)
				}
			}
			after := values(t, w)
			for p, want := range before {
				if x, ok := tc.set[p]; ok {
					want = x
				}
				if after[p] != want {
					t.Errorf("variant: %s = %#v, want %#v", p, after[p], want)
				}
			}
			if len(w.Variants) != 0 {
				t.Errorf("the variant's scenario has %d variants, want none", len(w.Variants))
			}
			// The base is unchanged: every value, its variants, no switch-offs.
			for p, v := range values(t, base) {
				if before[p] != v {
					t.Errorf("base: %s changed from %#v to %#v", p, before[p], v)
				}
			}
			if len(base.Variants) != 2 {
				t.Errorf("base has %d variants after WithVariant, want 2", len(base.Variants))
			}
		})
	}
}

// TestWithVariantErrors: variants built in code (as from a command line)
// that do not fit; the base stays as it was.
func TestWithVariantErrors(t *testing.T) {
	base := parseVariants(t)
	before := values(t, base)
	tests := []struct {
		name     string
		v        Variant
		key, msg string
		hint     string
	}{
		{"unknown id", Variant{Disable: []string{"portemonee"}},
			"disable", `no instrument or initiative "portemonee"`, `did you mean "portemonnee"?`},
		{"unknown path", Variant{Set: map[string]any{"region.horizn": 7}},
			"region.horizn", `unknown key "horizn"`, `did you mean "horizon"?`},
		{"rate out of range", Variant{Set: map[string]any{"instrument.portemonnee.rate": 1.5}},
			"instrument.portemonnee.rate", "1.5 is outside 0..1 (rates are fractions: 3 % is 0.03)", ""}, // instruments.RateRange
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := base.WithVariant(&tc.v)
			var ps Problems
			if !errors.As(err, &ps) || len(ps) != 1 {
				t.Fatalf("WithVariant = %v, want one problem", err)
			}
			if p := ps[0]; p.Key != tc.key || p.Msg != tc.msg || p.Hint != tc.hint {
				t.Errorf("got %s: %q; %q\nwant %s: %q; %q", p.Key, p.Msg, p.Hint, tc.key, tc.msg, tc.hint)
			}
			for p, v := range values(t, base) {
				if before[p] != v {
					t.Errorf("base: %s changed from %#v to %#v", p, before[p], v)
				}
			}
		})
	}
}

// TestVariantProblems: Parse checks each variant applied to the base and
// reports what does not fit on the variant's own line.
func TestVariantProblems(t *testing.T) {
	// Lines: see the comment under variantsText.
	tests := []struct {
		name  string
		edits []string
		key   string
		line  int
		msg   string
		hint  string
	}{
		{"rate 1.5 in a variant", []string{"= 0.002", "= 1.5"},
			"instrument.portemonnee.rate", 78, // the variant's line: the problem holds when the variant is applied
			`with variant "hoger tarief": 1.5 is outside 0..1 (rates are fractions: 3 % is 0.03)`, ""},
		{"disable an unknown id", []string{`disable = ["iza"]`, `disable = ["izaa"]`},
			"variant[0].disable[0]", 76, `no instrument or initiative "izaa"`, `did you mean "iza"?`},
		{"set an unknown path", []string{`"region.discount_rate"`, `"region.discount_rat"`},
			"variant[1].set.region.discount_rat", 80, `unknown key "discount_rat"`, `did you mean "discount_rate"?`},
		{"set text for a number", []string{`= 0.04`, `= "vier"`},
			"variant[1].set.region.discount_rate", 80, `expected a number, found "vier"`, ""},
		{"horizon 0 in a variant", []string{`"region.discount_rate" = 0.04`, `"region.horizon" = 0`},
			"region.horizon", 78, `with variant "hoger tarief": 0 years is outside 1..50`, ""},
		{"unnamed variant", []string{`name = "zonder iza"` + "\n", ""},
			"variant[0].name", 74, "missing: a name for this option", ""}, // not written: the [[variant]] line
		{"duplicate name", []string{`name = "zonder iza"`, `name = "hoger tarief"`},
			"variant[1].name", 79, `duplicate variant name "hoger tarief"`, ""},
		{"unknown key in a variant", []string{`disable = ["iza"]`, `disabel = ["iza"]`},
			"variant[0].disabel", 76, "unknown key", `did you mean "disable"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("v.toml", variantsSource(t, tc.edits...))
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Parse = %v, want Problems", err)
			}
			p, ok := findProblem(ps, tc.key)
			if !ok {
				t.Fatalf("no problem %s in:\n%v", tc.key, ps)
			}
			if p.Line != tc.line {
				t.Errorf("line %d, want %d", p.Line, tc.line)
			}
			if p.Msg != tc.msg || p.Hint != tc.hint {
				t.Errorf("got %q; %q\nwant %q; %q", p.Msg, p.Hint, tc.msg, tc.hint)
			}
		})
	}
}

// TestClone: a clone is the scenario as loaded, and setting values in one
// does not touch the other.
func TestClone(t *testing.T) {
	s := parseVariants(t)
	c := s.Clone()
	tests := []struct {
		path     string
		sv, cv   any // values set in s and in c
		original any // in the file
	}{
		{"party.zv.turnover", 1.0, 2.0, 130_000_000.0},                   // line 25
		{"party.zv.growth", 0.04, 0.05, 0.02},                            // unset: the indexation (line 13)
		{"initiative.welzijn-op-recept.savings.zv", 3.0, 4.0, 180_000.0}, // line 55 (a map)
		{"instrument.iza.funds.welzijn-op-recept", 5.0, 6.0, 200_000.0},  // line 64 (a map in an instrument)
		{"instrument.portemonnee.rate", 0.5, 0.25, 0.001},                // line 69
		{"region.name", "S", "C", "Kleine regio"},                        // line 8
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			if err := s.Set(tc.path, tc.sv); err != nil {
				t.Fatal(err)
			}
			if got, _ := c.Get(tc.path); got != tc.original {
				t.Errorf("clone: %#v after setting the original, want %#v", got, tc.original)
			}
			if err := c.Set(tc.path, tc.cv); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Get(tc.path); got != tc.sv {
				t.Errorf("original: %#v after setting the clone, want %#v", got, tc.sv)
			}
			// A new clone starts again from the file.
			if got, _ := s.Clone().Get(tc.path); got != tc.original {
				t.Errorf("new clone: %#v, want the file's %#v", got, tc.original)
			}
		})
	}
	t.Run("switch-offs are not shared", func(t *testing.T) {
		if err := c.Apply([]string{"iza"}, nil); err != nil {
			t.Fatal(err)
		}
		if !c.Disabled("iza") || s.Disabled("iza") || s.Clone().Disabled("iza") {
			t.Errorf("Disabled(iza): clone %v, original %v, want true, false", c.Disabled("iza"), s.Disabled("iza"))
		}
	})
}
