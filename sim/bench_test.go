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

// BenchmarkRunFundsOnly is the realistic example with only its
// transformation funds (the other instruments switched off): the baseline
// for "all instruments stay within 2× of the transformation-funds run".
func BenchmarkRunFundsOnly(b *testing.B) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Apply([]string{"plus-huisartsen", "kruis-zv-a", "kruis-zk", "portemonnee", "afbouw-legacy"}, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunNoPurchases is the realistic example with the instruments of
// the wallet, surcharge and phase-out but without its cross-purchases.
func BenchmarkRunNoPurchases(b *testing.B) {
	s, err := scenarios.Example("realistic")
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Apply([]string{"kruis-zv-a", "kruis-zk"}, nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
