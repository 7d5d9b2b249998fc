package stress

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

func setupOf(t testing.TB, src string) (*sim.Model, *Setup) {
	t.Helper()
	var s *scenarios.Scenario
	var err error
	if src == "" {
		s, err = scenarios.Example("realistic")
	} else {
		s, err = scenarios.Parse("t.toml", []byte(src))
	}
	if err != nil {
		t.Fatal(err)
	}
	setup, err := FromScenario(s)
	if err != nil {
		t.Fatal(err)
	}
	m, err := sim.Compile(s, setup.Paths()...)
	if err != nil {
		t.Fatal(err)
	}
	return m, setup
}

// TestSameWhateverTheWorkers: the summaries are the same bit for bit with
// 1, 2 and 7 workers, below and above the pilot's size.
func TestSameWhateverTheWorkers(t *testing.T) {
	m, setup := setupOf(t, "")
	for _, n := range []int{1500, pilotDraws + 3*blockSize + 7} {
		var first *Result
		for _, w := range []int{1, 2, 7} {
			res, err := Run(context.Background(), m, setup, Options{Draws: n, Seed: 42, Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = res
				continue
			}
			if !reflect.DeepEqual(fmt.Sprint(first.Stats, first.Yearly, first.Events, first.Drivers, first.VOI), fmt.Sprint(res.Stats, res.Yearly, res.Events, res.Drivers, res.VOI)) {
				t.Fatalf("%d draws: %d workers differ from 1", n, w)
			}
		}
	}
}

// TestPercentilesExact: the bracketed percentiles equal those of all draws
// sorted (numpy's linear interpolation).
func TestPercentilesExact(t *testing.T) {
	m, setup := setupOf(t, "")
	n := pilotDraws + 5000
	res, err := Run(context.Background(), m, setup, Options{Draws: n, Seed: 7, Workers: 2, Charted: []int{m.OutcomeIndex("party.zv-a.net_pv")}})
	if err != nil {
		t.Fatal(err)
	}
	// Compute the column in full, draw by draw.
	c := m.OutcomeIndex("party.zv-a.net_pv")
	st := m.NewState()
	var out sim.OutcomeSink
	col := make([]float64, n)
	vals := make([]float64, len(setup.Params))
	smp := newSamplerFor(setup, n, 7)
	for j := 0; j < n; j++ {
		smp.Draw(j, vals)
		if err := st.Run(vals, &out); err != nil {
			t.Fatal(err)
		}
		col[j] = out.Values[c]
	}
	want := percentiles(col)
	got := res.Stats[c]
	for i, g := range []float64{got.P5, got.P10, got.P50, got.P90, got.P95} {
		if g != want[i] {
			t.Errorf("percentile %d: %v, want %v", i, g, want[i])
		}
	}
	mean := 0.0
	for _, v := range col {
		mean += v
	}
	mean /= float64(n)
	if math.Abs(got.Mean-mean) > 1e-9*math.Abs(mean) {
		t.Errorf("mean %v, want %v", got.Mean, mean)
	}
}
