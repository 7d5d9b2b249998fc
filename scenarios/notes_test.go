package scenarios

import (
	"strings"
	"testing"
)

// TestAlreadyRunningIsANote: something accepted as it is (a start before
// the horizon, an end after it, a decision year before it) is said once
// as a note, not as a warning or an error (issue #12 point 15).
func TestAlreadyRunningIsANote(t *testing.T) {
	src := "[region]\nfirst_year = 2026\nhorizon = 5\n[[party]]\nid = \"zv\"\nkind = \"insurer\"\n[[party]]\nid = \"g\"\nkind = \"municipality\"\n" +
		"[[initiative]]\nid = \"x\"\nprovider = \"g\"\ncost = 100\nstart = 2024\nsavings = { zv = 300 }\n" +
		"[[instrument]]\ntype = \"cross_purchase\"\nid = \"k\"\nbuyer = \"zv\"\ninitiative = \"x\"\ndecision_year = 2024\n"
	s, err := Parse("n.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var notes []Problem
	for _, w := range s.Warnings {
		if w.Note {
			notes = append(notes, w)
		}
	}
	if len(notes) != 2 {
		t.Fatalf("%d notes, want 2 (the start, the decision year): %v", len(notes), s.Warnings)
	}
	for _, n := range notes {
		if !strings.Contains(n.String(), ": note: ") || !strings.Contains(n.Dutch().String(), ": opmerking: ") {
			t.Errorf("%q / %q: not said as a note", n.String(), n.Dutch().String())
		}
	}
	if !strings.Contains(notes[1].Msg, "the decision taken then stands") {
		t.Errorf("the decision year's note: %q", notes[1].Msg)
	}
}
