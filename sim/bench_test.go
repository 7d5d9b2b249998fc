package sim

import (
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

func benchmarkRun(b *testing.B, opt Options) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun is one engine run of the realistic example, all instruments
// active, with its ledger.
func BenchmarkRun(b *testing.B) { benchmarkRun(b, Options{}) }

// BenchmarkRunNoLedger is the same run keeping only the tallies, as batches
// and stress tests will.
func BenchmarkRunNoLedger(b *testing.B) { benchmarkRun(b, Options{NoLedger: true}) }
