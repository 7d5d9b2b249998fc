package report

import (
	"testing"

	"github.com/regiosim/regiosim/sim/stress"
)

// TestOptionsMatchEventsByName: options whose events differ in order or
// in number (a variant switches an initiative off) are matched by kind
// and subject, not by position.
func TestOptionsMatchEventsByName(t *testing.T) {
	base := &stress.Result{Events: []stress.Event{{Kind: "closes", Subject: "k", P: 0.6}, {Kind: "fully_funded", Subject: "x", P: 0.9}}}
	other := &stress.Result{Events: []stress.Event{{Kind: "fully_funded", Subject: "x", P: 0.4}}}
	tab := English.StressOptionsTable([]string{"base", "V1"}, []*stress.Result{base, other})
	if len(tab.Rows) != 2 {
		t.Fatalf("%d rows", len(tab.Rows))
	}
	if tab.Rows[1][2] != 0.4 || tab.Rows[0][2] != "–" {
		t.Errorf("rows %v, want fully_funded x at 0.4 and closes k missing (–) in V1", tab.Rows)
	}
}
