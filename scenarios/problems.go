package scenarios

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong (or, with Warning set, worth a look) in a
// scenario file.
type Problem struct {
	File    string // file name as given by the user
	Line    int    // 1-based line, 0 when unknown
	Key     string // key path, e.g. instrument.portemonnee.rate
	Msg     string // what is wrong
	Hint    string // optional suggestion, e.g. `did you mean "rate"?`
	Warning bool   // a warning does not stop a run
	Note    bool   // with Warning: a note, something accepted and said once (a start before the horizon)
	Source  string // for syntax errors: the offending line with a caret

	dutch bool // set by Dutch: the words around the message in Dutch too
}

func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	switch {
	case p.Note && p.dutch:
		b.WriteString("opmerking: ")
	case p.Note:
		b.WriteString("note: ")
	case p.Warning && p.dutch:
		b.WriteString("waarschuwing: ")
	case p.Warning:
		b.WriteString("warning: ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("; ")
		b.WriteString(p.Hint)
	}
	if p.Source != "" {
		b.WriteString("\n")
		b.WriteString(p.Source)
	}
	return b.String()
}

// Problems is the list of problems of one or more files. As an error it
// holds at least one problem that is not a warning.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Errors returns the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that are warnings.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// sorted orders problems by line, keeping the order of equal lines.
func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		li, lj := ps[i].Line, ps[j].Line
		if li == 0 {
			li = 1 << 30
		}
		if lj == 0 {
			lj = 1 << 30
		}
		return li < lj
	})
	return ps
}

// Suggest returns a hint naming the candidate closest to word, or "" when
// none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	cands := slices.Sorted(slices.Values(candidates)) // ties go to the first in order
	best := nearest(word, cands)
	if best == "" {
		return ""
	}
	n := utf8.RuneCountInString(word)
	d := editDistance(strings.ToLower(word), strings.ToLower(best))
	// Ids that start with the word: for a two-letter word they come first
	// ("zv" means "zv-a" or "zv-b" sooner than "zk"), for a longer one after
	// a match one edit away ("rat": "rate", rather than "rate" or "rates").
	var starts []string
	for _, c := range cands {
		if c != word && strings.HasPrefix(strings.ToLower(c), strings.ToLower(word)) && (n >= 3 || utf8.RuneCountInString(c) <= 3*n) {
			starts = append(starts, strconv.Quote(c))
		}
	}
	oneOf := ""
	switch {
	case n < 2:
	case len(starts) == 1:
		oneOf = "did you mean " + starts[0] + "?"
	case len(starts) > 1 && len(starts) <= 4:
		oneOf = "did you mean " + strings.Join(starts[:len(starts)-1], ", ") + " or " + starts[len(starts)-1] + "?"
	}
	if n == 2 && oneOf != "" {
		return oneOf
	}
	// One edit away (a single letter suggests nothing: every other letter
	// is one edit away).
	if d <= 1 && n > 1 {
		return fmt.Sprintf("did you mean %q?", best)
	}
	if oneOf != "" {
		return oneOf
	}
	// Else a near miss: two edits from four letters, three beyond eight.
	limit := 1
	switch {
	case n > 8:
		limit = 3
	case n >= 4:
		limit = 2
	}
	if d <= limit && n > 1 {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return ""
}

// nearest is the candidate with the smallest edit distance (the first in
// order on a tie), or "".
func nearest(word string, cands []string) string {
	best, bestD := "", 1<<30
	for _, c := range cands {
		if d := editDistance(strings.ToLower(word), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein (optimal string alignment)
// distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
