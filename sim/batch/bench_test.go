package batch

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// BenchmarkNationalExample: the built-in national batch, 31 regions × 4
// options, deterministic, all cores: building each region's scenario from
// the template, the pots, and 124 runs.
func BenchmarkNationalExample(b *testing.B) {
	t, err := scenarios.Example("national")
	if err != nil {
		b.Fatal(err)
	}
	regions, err := ReadRegions("national-regions.csv", bytes.NewReader(scenarios.NationalRegions()), t)
	if err != nil {
		b.Fatal(err)
	}
	in := &Input{Template: t, Regions: regions}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), in, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(regions)*4)/1e3, "µs/region-option")
}

// BenchmarkStress: the national example's stress test on the first R
// regions with D draws per region and option (4 options), all cores; the
// cost per region-draw should not depend on R or D (linear scaling).
func BenchmarkStress(b *testing.B) {
	t, err := scenarios.Example("national")
	if err != nil {
		b.Fatal(err)
	}
	all, err := ReadRegions("national-regions.csv", bytes.NewReader(scenarios.NationalRegions()), t)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ regions, draws int }{{2, 250}, {4, 250}, {2, 500}, {4, 500}} {
		b.Run(fmt.Sprintf("regions=%d/draws=%d", c.regions, c.draws), func(b *testing.B) {
			in := &Input{Template: t, Regions: all[:c.regions]}
			det, err := Run(context.Background(), in, Options{})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := RunStress(context.Background(), in, det, StressOptions{Draws: c.draws}); err != nil {
					b.Fatal(err)
				}
			}
			perDraw := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(c.regions*4*c.draws)
			b.ReportMetric(perDraw/1e3, "µs/region-draw")
		})
	}
}
