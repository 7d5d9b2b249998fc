package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestOutcomesValues: the values that `outcomes --values` shows are the
// figures of `run` (both JSON), for a party, an initiative and a purchase.
func TestOutcomesValues(t *testing.T) {
	var outs []outcomeRecord
	if err := json.Unmarshal([]byte(mustRun(t, "outcomes", "--values", "--format", "json")), &outs); err != nil {
		t.Fatal(err)
	}
	var run struct {
		Parties []struct {
			ID string
			PV struct{ Net float64 } `json:"present_value"`
		}
		Initiatives []struct {
			ID                 string
			PVGapAfterFundsEnd float64 `json:"gap_after_funds_end_pv"`
		}
		Purchases []struct {
			Instrument string
			Ratio      float64
			Closes     bool
		}
	}
	if err := json.Unmarshal([]byte(mustRun(t, "run", "--format", "json")), &run); err != nil {
		t.Fatal(err)
	}
	value := map[string]float64{}
	for _, o := range outs {
		if o.Value == nil {
			t.Fatalf("%s has no value", o.Name)
		}
		value[o.Name] = *o.Value
	}
	want := map[string]float64{}
	for _, p := range run.Parties {
		want["party."+p.ID+".net_pv"] = p.PV.Net
	}
	for _, in := range run.Initiatives {
		want["initiative."+in.ID+".gap_after_funds_end_pv"] = in.PVGapAfterFundsEnd
	}
	for _, d := range run.Purchases {
		want["purchase."+d.Instrument+".ratio"] = d.Ratio
		want["purchase."+d.Instrument+".closes"] = map[bool]float64{true: 1, false: 0}[d.Closes]
	}
	for name, w := range want {
		got, ok := value[name]
		if !ok {
			t.Errorf("no outcome %s", name)
			continue
		}
		// run's JSON gives euros to the cent, ratios to six digits.
		if tol := 0.005 + 1e-9*math.Abs(w); strings.HasSuffix(name, ".ratio") && math.Abs(got-w) > 5e-6*math.Abs(got) || !strings.HasSuffix(name, ".ratio") && math.Abs(got-w) > tol {
			t.Errorf("%s: outcomes %v, run %v", name, got, w)
		}
	}
}

func TestOutcomesDutch(t *testing.T) {
	out := mustRun(t, "outcomes", "--lang", "nl")
	for _, want := range []string{"uitkomsten van Regio Voorbeeld", "netto positie van zv-a, contante waarde", "1 als de business case van kruis-zv-a sluit"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q", want)
		}
	}
}
