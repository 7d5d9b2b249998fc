package batch

import (
	"bytes"
	"context"
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
