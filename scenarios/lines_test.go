package scenarios

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// linesText is valid TOML; each line that is not inside a string ends in a
// comment with its own line number, so the expectations below can be
// checked by eye.
const linesText = `# 1: a comment with = and [[party]] in it
[region] # 2
name = "R # not a comment = x" # 3
first_year = 2026 # 4: horizon = 99 is a comment

[[party]] # 6
id = "a" # 7
"quoted.key" = 1 # 8
# [[party]] 9: commented out, so no new element
[[party]] # 10
id = "b" # 11
series = [ # 12
  "x = 1", # 13
  [2, 3], # 14
] # 15
growth = 0.1 # 16

[[initiative]] # 18
id = "i0" # 19
description = """
turnover = 5
[not.a.header]
""" # 23
cost = 1 # 24
note = '''one line''' # 25
end = 2030 # 26
[[initiative]] # 27
id = "i1" # 28
[initiative.savings] # 29
zv = 3 # 30
'lit.key' = 4 # 31

[[instrument]] # 33
id = "iza" # 34
funds = { a = 1, b = 2, "c.d" = { e = 3 } } # 35
rates.x = 0.5 # 36
from = 2026 # 37
`

func TestIndexLines(t *testing.T) {
	// The index is only ever built for text that decodes; make sure this one does.
	var raw map[string]any
	if _, err := toml.Decode(linesText, &raw); err != nil {
		t.Fatalf("linesText is not valid TOML: %v", err)
	}
	got := indexLines(linesText)
	// Every entry is the line number written in the comment of that line.
	want := lineIndex{
		"region":                        2,
		"region.name":                   3, // the # inside the string is not a comment
		"region.first_year":             4, // horizon = 99 in the comment is not a key
		"party[0]":                      6,
		"party[0].id":                   7,
		"party[0].quoted.key":           8,  // a quoted key is one part
		"party[1]":                      10, // the commented-out header on line 9 did not count
		"party[1].id":                   11,
		"party[1].series":               12, // "x = 1" on line 13 is an element, not a key
		"party[1].growth":               16, // the multi-line array closed on line 15
		"initiative[0]":                 18,
		"initiative[0].id":              19,
		"initiative[0].description":     20, // lines 21–22 are inside the string
		"initiative[0].cost":            24,
		"initiative[0].note":            25, // a one-line ''' string opens nothing
		"initiative[0].end":             26,
		"initiative[1]":                 27,
		"initiative[1].id":              28,
		"initiative[1].savings":         29, // [initiative.savings] belongs to the second [[initiative]]
		"initiative[1].savings.zv":      30,
		"initiative[1].savings.lit.key": 31,
		"instrument[0]":                 33,
		"instrument[0].id":              34,
		"instrument[0].funds":           35,
		"instrument[0].funds.a":         35, // keys of a one-line inline table
		"instrument[0].funds.b":         35,
		"instrument[0].funds.c.d":       35,
		"instrument[0].rates.x":         36, // a dotted key
		"instrument[0].from":            37,
	}
	if !maps.Equal(got, want) {
		for _, k := range slices.Sorted(maps.Keys(want)) {
			if g, ok := got[k]; !ok || g != want[k] {
				t.Errorf("%s: line %d (present %v), want %d", k, g, ok, want[k])
			}
		}
		for _, k := range slices.Sorted(maps.Keys(got)) {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected key %s on line %d", k, got[k])
			}
		}
	}

	lookups := []struct {
		path string
		want int
	}{
		{"initiative[1].savings.zv", 30},       // written itself
		{"initiative[1].savings.gemeente", 29}, // not written: its table's header
		{"party[1].turnover", 10},              // not written: its element's header
		{"party[0].quoted.key", 8},
		{"region.horizon", 2},
		{"instrument[0].funds.x", 35}, // the inline table's line
		{"party[7].id", 0},            // no such element and no line for "party" itself
		{"variant[0].name", 0},
		{"", 0},
	}
	for _, tc := range lookups {
		t.Run("lookup "+tc.path, func(t *testing.T) {
			if got := got.lookup(tc.path); got != tc.want {
				t.Errorf("lookup(%q) = %d, want %d", tc.path, got, tc.want)
			}
		})
	}
}

// TestIndexLinesSmallExample looks up keys of examples/small.toml; the
// lines are counted by hand in that file.
func TestIndexLinesSmallExample(t *testing.T) {
	src, err := ExampleSource("small")
	if err != nil {
		t.Fatal(err)
	}
	idx := indexLines(string(src))
	tests := []struct {
		path string
		want int
	}{
		{"region", 7},
		{"region.horizon", 11},
		{"party[0].id", 16},
		{"party[1].kind", 24},
		{"party[3].turnover", 37},
		{"flow[0].amount", 44},
		{"initiative[0].start", 51},
		{"initiative[0].savings", 54},
		{"initiative[0].savings.zv", 55},
		{"initiative[0].savings.gemeente", 56},
		{"instrument[0].until", 62},
		{"instrument[0].funds.welzijn-op-recept", 64},
		{"party[2].growth", 27}, // not written: the [[party]] header
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			if got := idx.lookup(tc.path); got != tc.want {
				t.Errorf("lookup(%q) = %d, want %d", tc.path, got, tc.want)
			}
		})
	}
}

// TestIndexLinesNestedArrays: an array of tables inside an element counts
// per element ([[party.sub]] starts again at 0 under the second party).
func TestIndexLinesNestedArrays(t *testing.T) {
	src := strings.Join([]string{
		"[[party]]",     // 1
		"id = 'a'",      // 2
		"[[party.sub]]", // 3
		"x = 1",         // 4
		"[[party]]",     // 5
		"[[party.sub]]", // 6
		"[[party.sub]]", // 7
		"x = 3",         // 8
	}, "\n")
	want := lineIndex{
		"party[0]": 1, "party[0].id": 2, "party[0].sub[0]": 3, "party[0].sub[0].x": 4,
		"party[1]": 5, "party[1].sub[0]": 6, "party[1].sub[1]": 7, "party[1].sub[1].x": 8,
	}
	if got := indexLines(src); !maps.Equal(got, want) {
		t.Errorf("indexLines = %v, want %v", got, want)
	}
}

func TestSplitKey(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"a", []string{"a"}},
		{"a.b", []string{"a", "b"}},
		{` a . b `, []string{"a", "b"}},
		{`"a.b".c`, []string{"a.b", "c"}},
		{`'x y'.z`, []string{"x y", "z"}},
		{`"it's"`, []string{"it's"}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := splitKey(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("splitKey(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestInlineKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`{ a = 1, "b.c" = { d = 2 } }`, []string{"a", "b.c"}}, // only the top level
		{`{ a = [1, 2], b = "x,y" }`, []string{"a", "b"}},      // commas in lists and strings do not split
		{`{ a = "}", b = 1 }`, []string{"a", "b"}},             // a brace in a string does not close
		{`{ welzijn-op-recept = 200_000 }`, []string{"welzijn-op-recept"}},
		{`{}`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := inlineKeys(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("inlineKeys(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
