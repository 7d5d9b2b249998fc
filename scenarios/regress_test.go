package scenarios

import (
	"strings"
	"testing"
)

// Inputs that once crashed or misled, found by the fuzz test and by review.

func TestSyntaxErrorsWithoutALineDoNotPanic(t *testing.T) {
	// The TOML decoder reports these at line 0; its excerpt then panicked.
	for _, src := range []string{"\"\\", "a = \"\\", "\"\r\n\""} {
		_, err := Parse("p.toml", []byte(src))
		probs, ok := err.(Problems)
		if !ok || len(probs) != 1 || !strings.Contains(probs[0].Msg, "not valid TOML") {
			t.Errorf("%q: got %v, want one syntax problem", src, err)
		}
	}
}

func TestEscapedQuotesKeepLineNumbers(t *testing.T) {
	// A \" and a [ inside a string once made every later line look like
	// part of an open array: keys then lost their lines.
	src := strings.NewReplacer(
		`name = "Kleine regio"`, `name = "Regio \"[Noord\""`,
		"\nhorizon = 5", "\nhorizn = 5",
		"\nturnover = 3_000_000", "\nturnovr = 3_000_000",
	).Replace(exampleText(t, "small"))
	want := map[string]int{
		"region.horizn":         lineOf(t, src, "horizn = 5"),
		"party.welzijn.turnovr": lineOf(t, src, "turnovr = 3_000_000"),
	}
	_, err := Parse("s.toml", []byte(src))
	probs, _ := err.(Problems)
	if len(probs) != 2 {
		t.Fatalf("got %v, want 2 problems", err)
	}
	for _, p := range probs {
		if want[p.Key] == 0 || p.Line != want[p.Key] {
			t.Errorf("%s at line %d, want line %d", p.Key, p.Line, want[p.Key])
		}
	}
}

func TestVariantCheckHonoursDisable(t *testing.T) {
	// Two phase-outs of one flow that do not overlap; a variant switches
	// the first off and moves the second onto its years. Valid: with the
	// first off, nothing overlaps (and WithVariant agrees).
	src := exampleText(t, "small") + `
[[instrument]]
type = "phase_out"
id = "a"
flow = "wmo-welzijn"
start = 2026
years = 2
[[instrument]]
type = "phase_out"
id = "b"
flow = "wmo-welzijn"
start = 2028
years = 2
[[variant]]
name = "x"
disable = ["a"]
set = { "instrument.b.start" = 2026 }
`
	s, err := Parse("v.toml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	v, _ := s.FindVariant("x")
	if _, err := s.WithVariant(v); err != nil {
		t.Errorf("WithVariant: %v", err)
	}
}

func TestOneProblemPerBadValue(t *testing.T) {
	// until = 2027.5 is not a whole number; it is not also "missing".
	src := strings.Replace(exampleText(t, "small"), "until = 2027 ", "until = 2027.5 ", 1)
	_, err := Parse("u.toml", []byte(src))
	probs, _ := err.(Problems)
	if len(probs) != 1 || probs[0].Key != "instrument.iza.until" || !strings.Contains(probs[0].Msg, "whole number") {
		t.Errorf("got %v, want one problem: a whole number for instrument.iza.until", err)
	}
	// An implausible first year is one problem, not one per year in the file.
	src = strings.Replace(exampleText(t, "small"), "first_year = 2026", "first_year = 226", 1)
	_, err = Parse("f.toml", []byte(src))
	if probs, _ := err.(Problems); len(probs) != 1 || probs[0].Key != "region.first_year" {
		t.Errorf("got %v, want one problem at region.first_year", err)
	}
}

func exampleText(t *testing.T, name string) string {
	t.Helper()
	b, err := ExampleSource(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lineOf(t *testing.T, src, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starting %q", prefix)
	return 0
}

func TestBaseProblemsNotRepeatedPerVariant(t *testing.T) {
	// Found in review: every problem of the base came back once per variant.
	src := strings.Replace(exampleText(t, "small"), "horizon = 5 ", "horizon = 0 ", 1) +
		"[[variant]]\nname = \"a\"\nset = { \"region.discount_rate\" = 0.01 }\n[[variant]]\nname = \"b\"\nset = { \"region.indexation\" = 0.0 }\n"
	_, err := Parse("v.toml", []byte(src))
	probs, _ := err.(Problems)
	if len(probs) != 1 || probs[0].Key != "region.horizon" {
		t.Errorf("got %v; want the horizon problem once", err)
	}
}

func TestSuggestionsForShortWords(t *testing.T) {
	// Found in review: "pp" suggested "zv", and ties depended on map order.
	cases := []struct {
		word  string
		cands []string
		want  string
	}{
		{"pp", []string{"zv", "gem"}, ""},                   // two edits in two letters: no near miss
		{"q", []string{"a", "b"}, ""},                       // every letter is one edit from another
		{"zw", []string{"zv", "gem"}, `did you mean "zv"?`}, // one edit
		{"ab", []string{"ac", "ad"}, `did you mean "ac"?`},  // a tie goes to the first in order
		{"ab", []string{"ad", "ac"}, `did you mean "ac"?`},  // whatever order they come in
		{"portemonee", []string{"portemonnee"}, `did you mean "portemonnee"?`},
	}
	for _, c := range cases {
		if got := Suggest(c.word, c.cands); got != c.want {
			t.Errorf("Suggest(%q, %v) = %q, want %q", c.word, c.cands, got, c.want)
		}
	}
}

func TestSuggestPrefersIdsThatStartWithTheWord(t *testing.T) {
	// Found in review: "zv" suggested the zorgkantoor "zk" (one edit) where
	// the insurers "zv-a" and "zv-b" were meant.
	ids := []string{"zk", "zv-a", "zv-b", "gem"}
	if got := Suggest("zv", ids); got != `did you mean "zv-a" or "zv-b"?` {
		t.Errorf("got %q", got)
	}
}
