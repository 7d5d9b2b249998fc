package scenarios

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		// Every value below is counted by hand as the fewest insertions,
		// deletions, substitutions and swaps of two neighbours.
		{"", "", 0},
		{"", "abc", 3},                                     // three insertions
		{"abc", "", 3},                                     // three deletions
		{"rate", "rate", 0},                                // equal
		{"rate", "rates", 1},                               // insert s
		{"kitten", "sitting", 3},                           // k→s, e→i, insert g (the textbook example)
		{"flaw", "lawn", 2},                                // delete f, insert n
		{"ab", "ba", 1},                                    // one swap of neighbours
		{"prtemonnee", "portemonnee", 1},                   // insert o
		{"protemonnee", "portemonnee", 1},                  // swap ro → or
		{"insurrer", "insurer", 1},                         // delete one r
		{"ramp_yeers", "ramp_years", 1},                    // e→a
		{"Rate", "rate", 1},                                // case counts: R→r
		{"coöperatie", "cooperatie", 1},                    // ö→o: one rune, not two bytes
		{"ca", "abc", 3},                                   // optimal string alignment: a swapped pair is not edited again (true Damerau gives 2)
		{"transformation_fund", "transformation_funds", 1}, // insert s
	}
	for _, tc := range tests {
		t.Run(tc.a+"→"+tc.b, func(t *testing.T) {
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := editDistance(tc.b, tc.a); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d (symmetric)", tc.b, tc.a, got, tc.want)
			}
		})
	}
}

// TestEditDistanceProperties checks what holds for every pair of words: the
// distance is symmetric, zero only for equal words, at least the difference
// of the lengths and at most the longer length (in runes).
func TestEditDistanceProperties(t *testing.T) {
	word := rapid.StringOfN(rapid.RuneFrom([]rune("abcö_-")), 0, 8, -1)
	rapid.Check(t, func(t *rapid.T) {
		a, b := word.Draw(t, "a"), word.Draw(t, "b")
		d := editDistance(a, b)
		la, lb := len([]rune(a)), len([]rune(b))
		if d != editDistance(b, a) {
			t.Fatalf("not symmetric: d(%q,%q)=%d, d(%q,%q)=%d", a, b, d, b, a, editDistance(b, a))
		}
		if (d == 0) != (a == b) {
			t.Fatalf("d(%q,%q) = %d", a, b, d)
		}
		if d < max(la-lb, lb-la) || d > max(la, lb) {
			t.Fatalf("d(%q,%q) = %d outside |%d−%d|..max", a, b, d, la, lb)
		}
	})
}

func TestSuggest(t *testing.T) {
	partyKeys := []string{"domain", "growth", "id", "kind", "name", "turnover", "turnover_series"} // the toml tags of Party
	kinds := slices.Sorted(maps.Keys(partyKinds))
	instrs := []string{"iza", "plus-isala", "portemonnee"}
	tests := []struct {
		name       string
		word       string
		candidates []string
		want       string
	}{
		// Near misses: distance ≤ 2 for words of up to 8 letters.
		{"missing letter", "turnovr", partyKeys, `did you mean "turnover"?`},           // d = 1
		{"extra letter", "insurrer", kinds, `did you mean "insurer"?`},                 // d = 1
		{"two edits", "hrizn", []string{"horizon", "name"}, `did you mean "horizon"?`}, // d = 2 (insert o, insert o)
		{"three edits, short word", "hrzn", []string{"horizon", "name"}, ""},           // d("hrzn","horizon") = 3 > 2; "name" is 4
		{"case is ignored", "Horizon", []string{"horizon"}, `did you mean "horizon"?`},
		// Words longer than 8 letters may be 3 edits off.
		{"deletion in long word", "prtemonnee", instrs, `did you mean "portemonnee"?`},                                            // d = 1
		{"transposition", "protemonnee", instrs, `did you mean "portemonnee"?`},                                                   // d = 1 (swap)
		{"three edits, long word", "transfrmaton_fund", []string{"transformation_funds"}, `did you mean "transformation_funds"?`}, // insert o, i, s: d = 3, len 17 > 8
		{"four edits, long word", "trnsfrmaton_fund", []string{"transformation_funds"}, ""},                                       // d = 4
		// A prefix of at least 3 letters suggests the longer word.
		{"prefix", "trans", []string{"transformation_funds"}, `did you mean "transformation_funds"?`},
		{"short prefix", "tr", []string{"transformation_funds"}, ""},
		// Far words get nothing.
		{"far word", "banana", partyKeys, ""},
		{"far word in kinds", "apotheek", kinds, ""},
		{"no candidates", "rate", nil, ""},
		// Equal distances: the first candidate wins.
		{"tie", "rat", []string{"rate", "rats"}, `did you mean "rate"?`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Suggest(tc.word, tc.candidates); got != tc.want {
				t.Errorf("Suggest(%q, %q) = %q, want %q", tc.word, tc.candidates, got, tc.want)
			}
		})
	}
}

// TestSuggestNamesACandidate: whatever Suggest says names one of the
// candidates, quoted.
func TestSuggestNamesACandidate(t *testing.T) {
	word := rapid.StringOfN(rapid.RuneFrom([]rune("abcdeo_")), 0, 10, -1)
	rapid.Check(t, func(t *rapid.T) {
		w := word.Draw(t, "word")
		cands := rapid.SliceOfN(word, 0, 5).Draw(t, "candidates")
		got := Suggest(w, cands)
		if got == "" {
			return
		}
		name, ok := strings.CutPrefix(got, "did you mean \"")
		name, ok2 := strings.CutSuffix(name, "\"?")
		if !ok || !ok2 || !slices.Contains(cands, name) {
			t.Fatalf("Suggest(%q, %q) = %q: not one of the candidates", w, cands, got)
		}
	})
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"all parts", Problem{File: "r.toml", Line: 12, Key: "region.horizn", Msg: "unknown key", Hint: `did you mean "horizon"?`},
			`r.toml:12: region.horizn: unknown key; did you mean "horizon"?`},
		{"no line", Problem{File: "r.toml", Key: "party.zv.kind", Msg: "unknown"}, "r.toml: party.zv.kind: unknown"},
		{"warning", Problem{File: "r.toml", Line: 3, Msg: "odd", Warning: true}, "r.toml:3: warning: odd"},
		{"no file", Problem{Line: 3, Key: "k", Msg: "m"}, "k: m"},
		{"source", Problem{File: "f", Line: 1, Msg: "bad", Source: "1 | x\n    ^"}, "f:1: bad\n1 | x\n    ^"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestProblemsSplitAndSort(t *testing.T) {
	ps := Problems{
		{Line: 0, Msg: "a"},
		{Line: 9, Msg: "b", Warning: true},
		{Line: 3, Msg: "c"},
		{Line: 9, Msg: "d"},
		{Line: 1, Msg: "e"},
	}
	msgs := func(ps Problems) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Msg)
		}
		return strings.Join(s, "")
	}
	tests := []struct {
		name string
		got  Problems
		want string
	}{
		{"errors keep order", ps.Errors(), "acde"},
		{"warnings", ps.Warnings(), "b"},
		// By line; equal lines keep their order (b before d); unknown lines last.
		{"sorted", slices.Clone(ps).sorted(), "ecbda"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := msgs(tc.got); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	if got, want := ps[:2].Error(), "a\nwarning: b"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
