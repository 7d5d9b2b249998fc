package stress

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelectRanks: the selected ranks equal a full sort's, with ties.
func TestSelectRanks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 17, 100, 10_001} {
		a := make([]float64, n)
		for i := range a {
			a[i] = float64(rng.IntN(50)) // many ties
			if n > 100 {
				a[i] = rng.NormFloat64()
			}
		}
		sorted := slices.Clone(a)
		slices.Sort(sorted)
		ranks := []int{0, n / 20, n / 10, n / 2, (9 * n) / 10, n - 1}
		slices.Sort(ranks)
		ranks = slices.Compact(ranks)
		got := selectRanks(slices.Clone(a), ranks)
		for _, r := range ranks {
			if got[r] != sorted[r] {
				t.Fatalf("n %d, rank %d: %v, want %v", n, r, got[r], sorted[r])
			}
		}
	}
}
