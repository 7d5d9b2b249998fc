package stress

import (
	"context"
	"testing"
)

// BenchmarkStress10k is a stress test of the realistic example with
// 10,000 draws on all cores (the summaries, no files).
func BenchmarkStress10k(b *testing.B) { benchStress(b, 10_000) }

// BenchmarkStress100k is the same with 100,000 draws (past the pilot:
// bracketed percentiles).
func BenchmarkStress100k(b *testing.B) { benchStress(b, 100_000) }

func benchStress(b *testing.B, n int) {
	m, setup := setupOf(b, "")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), m, setup, Options{Draws: n, Seed: 42}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/draw")
}
