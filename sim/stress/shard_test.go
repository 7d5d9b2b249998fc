package stress

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestSourceReplaysDraws: the rows Draws computes, given back to Run as
// its Source, give exactly the result of a Run that drew them itself,
// beyond the pilot too (its brackets, the later draws' counts) — what a
// merge of shards relies on.
func TestSourceReplaysDraws(t *testing.T) {
	m, setup := setupOf(t, "") // the realistic example
	const n = pilotDraws + 3*blockSize + 7
	o := Options{Draws: n, Seed: 3}
	direct, err := Run(context.Background(), m, setup, o)
	if err != nil {
		t.Fatal(err)
	}
	width := RowWidth(m)
	params := make([][]float64, n)
	rows := make([][]float64, n)
	// In two parts, as two shards would.
	for _, part := range [][2]int{{0, n / 3}, {n / 3, n}} {
		err := Draws(context.Background(), m, setup, o, part[0], part[1], func(j int, p, row []float64) error {
			params[j], rows[j] = append([]float64(nil), p...), append([]float64(nil), row...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(rows[n-1]) != width {
		t.Fatalf("a row has %d values, want %d", len(rows[n-1]), width)
	}
	o.Source = func(j int, p, row []float64) error {
		copy(p, params[j])
		copy(row, rows[j])
		return nil
	}
	replayed, err := Run(context.Background(), m, setup, o)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(direct.Stats, replayed.Stats) || !reflect.DeepEqual(direct.Events, replayed.Events) ||
		!reflect.DeepEqual(direct.Yearly, replayed.Yearly) || fmt.Sprint(direct.Drivers) != fmt.Sprint(replayed.Drivers) ||
		fmt.Sprint(direct.VOI) != fmt.Sprint(replayed.VOI) {
		t.Errorf("a run from the replayed rows differs from the run itself")
	}
}
