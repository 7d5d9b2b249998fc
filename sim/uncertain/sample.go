package uncertain

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Stream is the random stream of one draw (or of one parameter's Latin
// hypercube permutation): a PCG generator seeded from (seed, index) by
// SplitMix64, so that draw j gets the same numbers whatever worker runs it
// and on whatever machine.
type Stream struct{ pcg rand.PCG }

// NewStream seeds a stream for index i of a run with seed.
func NewStream(seed int64, i uint64) Stream {
	var s Stream
	s.Reset(seed, i)
	return s
}

// Reset seeds the stream anew (no allocation).
func (s *Stream) Reset(seed int64, i uint64) {
	a := splitmix(uint64(seed) ^ 0x9e3779b97f4a7c15)
	s.pcg.Seed(a, splitmix(a^splitmix(i+0x632be59bd9b4e019)))
}

// Uniform returns a number in the open interval (0, 1).
func (s *Stream) Uniform() float64 {
	return (float64(s.pcg.Uint64()>>11) + 0.5) / (1 << 53)
}

func (s *Stream) Uint64() uint64 { return s.pcg.Uint64() }

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Sampler gives the values of the uncertain parameters for each draw of
// a stress test: plain Monte Carlo, or Latin hypercube (each parameter's n
// draws fall one in each of n equal-probability strata), and, with rank
// correlations, reordered by Iman–Conover.
type Sampler struct {
	dists []*Dist
	seed  int64
	n     int
	perms [][]int32   // Latin hypercube: the stratum of each draw, per parameter
	fixed [][]float64 // with correlations: every draw's values, [param][draw]
}

// Options of a sampler.
type Options struct {
	Seed  int64
	Draws int
	LHS   bool
	// Correlation is the target rank correlation matrix of the parameters
	// (nil: independent).
	Correlation *mat.SymDense
}

// NewSampler prepares the draws of the parameters' distributions. With
// correlations it fails when they cannot be imposed (fewer draws than
// parameters, say).
func NewSampler(dists []*Dist, o Options) (*Sampler, error) {
	s := &Sampler{dists: dists, seed: o.Seed, n: o.Draws}
	if o.LHS {
		for p := range dists {
			st := NewStream(o.Seed, uint64(1)<<63|uint64(p)) // apart from the draws' streams
			perm := make([]int32, o.Draws)
			for j := range perm {
				perm[j] = int32(j)
			}
			for j := len(perm) - 1; j > 0; j-- { // Fisher–Yates
				k := int(st.Uint64() % uint64(j+1))
				perm[j], perm[k] = perm[k], perm[j]
			}
			s.perms = append(s.perms, perm)
		}
	}
	if o.Correlation != nil && len(dists) > 1 {
		s.fixed = make([][]float64, len(dists))
		for p := range dists {
			s.fixed[p] = make([]float64, o.Draws)
		}
		vals := make([]float64, len(dists))
		for j := 0; j < o.Draws; j++ {
			s.independent(j, vals)
			for p := range dists {
				s.fixed[p][j] = vals[p]
			}
		}
		if err := imanConover(s.fixed, o.Correlation, o.Seed); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Draw fills values with draw j's values, in the order of the dists.
func (s *Sampler) Draw(j int, values []float64) {
	if s.fixed != nil {
		for p := range s.dists {
			values[p] = s.fixed[p][j]
		}
		return
	}
	s.independent(j, values)
}

func (s *Sampler) independent(j int, values []float64) {
	st := NewStream(s.seed, uint64(j))
	for p, d := range s.dists {
		u := st.Uniform()
		if s.perms != nil {
			u = (float64(s.perms[p][j]) + u) / float64(s.n)
		}
		values[p] = d.Sample(u)
	}
}

// imanConover reorders each column of x (n draws per parameter) so that
// the columns' rank correlations approach target, without changing any
// column's values (Iman and Conover 1982): van der Waerden scores, each
// column in its own random order, are given the target correlation by
// Cholesky factors (T = S Q⁻ᵀ Pᵀ, with C = P Pᵀ the target and E = Q Qᵀ
// the scores' own correlation), and every column of x takes the ranks of
// its column of T.
func imanConover(x [][]float64, target *mat.SymDense, seed int64) error {
	k, n := len(x), len(x[0])
	if n <= k {
		return fmt.Errorf("uncertain: %d draws cannot carry the correlations of %d values; make more draws", n, k)
	}
	scores := make([]float64, n)
	norm := distuv.UnitNormal
	for j := range scores {
		scores[j] = norm.Quantile(float64(j+1) / float64(n+1))
	}
	S := mat.NewDense(n, k, nil)
	for p := 0; p < k; p++ {
		col := slices.Clone(scores)
		st := NewStream(seed, uint64(1)<<62|uint64(p))
		for j := n - 1; j > 0; j-- {
			i := int(st.Uint64() % uint64(j+1))
			col[j], col[i] = col[i], col[j]
		}
		for j, v := range col {
			S.Set(j, p, v)
		}
	}
	var E mat.SymDense
	stat.CorrelationMatrix(&E, S, nil)
	var cE, cC mat.Cholesky
	if !cC.Factorize(target) {
		return fmt.Errorf("uncertain: the correlations cannot be imposed: the matrix is (nearly) singular; weaken the strongest")
	}
	if !cE.Factorize(&E) {
		return fmt.Errorf("uncertain: the draws' scores are too few to impose the correlations; make more draws")
	}
	var P, Q, Qinv mat.TriDense
	cC.LTo(&P)
	cE.LTo(&Q)
	if err := Qinv.InverseTri(&Q); err != nil {
		return fmt.Errorf("uncertain: the correlations cannot be imposed: %v", err)
	}
	var M, T mat.Dense
	M.Mul(Qinv.T(), P.T())
	T.Mul(S, &M)
	idx := make([]int, n)
	for p := 0; p < k; p++ {
		sorted := slices.Clone(x[p])
		slices.Sort(sorted)
		for j := range idx {
			idx[j] = j
		}
		col := mat.Col(nil, p, &T)
		sort.SliceStable(idx, func(a, b int) bool { return col[idx[a]] < col[idx[b]] })
		for rank, j := range idx {
			x[p][j] = sorted[rank]
		}
	}
	return nil
}

// CorrelationProblem is a pair of parameters whose correlation is wrong.
type CorrelationProblem struct {
	A, B string // the pair ("" B: the whole matrix)
	Msg  string
}

// CorrelationMatrix builds the target rank correlation matrix of params
// (in that order) from pairs given as pairs[a][b] = ρ. A pair given both
// ways with two values, a value outside −1..1, a parameter correlated
// with itself, or a matrix that is not positive semi-definite are
// problems naming the pairs. Unknown parameters are the caller's to
// report.
func CorrelationMatrix(params []string, pairs map[string]map[string]float64) (*mat.SymDense, []CorrelationProblem) {
	at := map[string]int{}
	for i, p := range params {
		at[p] = i
	}
	k := len(params)
	c := mat.NewSymDense(k, nil)
	set := make([][]bool, k)
	for i := range set {
		set[i] = make([]bool, k)
		c.SetSym(i, i, 1)
	}
	var probs []CorrelationProblem
	for _, a := range slices.Sorted(maps.Keys(pairs)) {
		for _, b := range slices.Sorted(maps.Keys(pairs[a])) {
			rho := pairs[a][b]
			i, okA := at[a]
			j, okB := at[b]
			switch {
			case !okA || !okB:
				continue
			case i == j:
				probs = append(probs, CorrelationProblem{a, b, "a parameter cannot be correlated with itself"})
			case !(rho >= -1 && rho <= 1):
				probs = append(probs, CorrelationProblem{a, b, fmt.Sprintf("%g is outside -1..1", rho)})
			case set[i][j] && c.At(i, j) != rho:
				probs = append(probs, CorrelationProblem{a, b, fmt.Sprintf("the matrix is not symmetric: %g one way, %g the other", c.At(i, j), rho)})
			default:
				c.SetSym(i, j, rho)
				set[i][j], set[j][i] = true, true
			}
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var eig mat.EigenSym
	if !eig.Factorize(c, true) {
		return nil, []CorrelationProblem{{Msg: "the correlation matrix could not be analysed"}}
	}
	vals := eig.Values(nil)
	if vals[0] >= -1e-9 {
		if vals[0] < 1e-9 { // semi-definite: nudge towards the identity so that Cholesky works
			for i := 0; i < k; i++ {
				for j := 0; j < i; j++ {
					c.SetSym(i, j, c.At(i, j)*(1-1e-9))
				}
			}
		}
		return c, nil
	}
	// Name the parameters that carry the most negative eigenvalue.
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	type w struct {
		p string
		v float64
	}
	var ws []w
	for i := 0; i < k; i++ {
		ws = append(ws, w{params[i], math.Abs(vecs.At(i, 0))})
	}
	sort.SliceStable(ws, func(a, b int) bool { return ws[a].v > ws[b].v })
	var names []string
	for _, x := range ws {
		if x.v > 0.2 || len(names) < 2 {
			names = append(names, x.p)
		}
	}
	return nil, []CorrelationProblem{{A: names[0], B: names[1], Msg: fmt.Sprintf(
		"the correlations between %s cannot hold together (the matrix is not positive semi-definite: its smallest eigenvalue is %.3g); weaken one of them",
		strings.Join(names, ", "), vals[0])}}
}
