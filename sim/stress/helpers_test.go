package stress

import (
	"slices"

	"github.com/regiosim/regiosim/sim/uncertain"
)

func newSamplerFor(s *Setup, n int, seed int64) *uncertain.Sampler {
	var d []*uncertain.Dist
	for _, p := range s.Params {
		d = append(d, p.Dist)
	}
	smp, err := uncertain.NewSampler(d, uncertain.Options{Seed: seed, Draws: n, Correlation: s.Correlation})
	if err != nil {
		panic(err)
	}
	return smp
}

// percentiles are P5, P10, P50, P90, P95 of x with linear interpolation
// between order statistics (numpy's default), computed by sorting.
func percentiles(x []float64) []float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	var out []float64
	for _, p := range []float64{0.05, 0.10, 0.50, 0.90, 0.95} {
		h := p * float64(len(s)-1)
		lo := int(h)
		v := s[lo]
		if lo+1 < len(s) {
			v += (h - float64(lo)) * (s[lo+1] - s[lo])
		}
		out = append(out, v)
	}
	return out
}
