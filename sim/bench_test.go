package sim

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

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

// compiledExample compiles the realistic example for the varied paths.
func compiledExample(b *testing.B, varied ...string) *Model {
	s, err := scenarios.Example("realistic")
	if err != nil {
		b.Fatal(err)
	}
	m, err := Compile(s, varied...)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkModelOutcomes is one run of the realistic example with every
// input as given, through the outcome sink of a compiled model (issue #9:
// ≤ 10 µs and 0 allocations).
func BenchmarkModelOutcomes(b *testing.B) {
	st := compiledExample(b).NewState()
	var out OutcomeSink
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Run(nil, &out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModelTables is the same run building the full tables (with the
// business cases), as run, report and compare do.
func BenchmarkModelTables(b *testing.B) {
	st := compiledExample(b).NewState()
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Run(nil, &TableSink{Cases: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModelDraw is one Monte Carlo draw of the realistic example's
// three uncertain parameters (two triangular savings scales and a normal
// growth, sampled with gonum's distuv from a PCG stream) through the
// outcome sink (issue #9: ≤ 200 ns per draw on one core).
func BenchmarkModelDraw(b *testing.B) {
	st := compiledExample(b, "initiative.valpreventie.savings_scale", "initiative.huisarts-sociaal.savings_scale", "party.zv-a.growth").NewState()
	src := rand.NewPCG(42, 1)
	t1 := distuv.NewTriangle(0.5, 1.2, 0.9, src)
	t2 := distuv.NewTriangle(0.3, 1.1, 0.8, src)
	g := distuv.Normal{Mu: 0.03, Sigma: 0.01, Src: src}
	values := make([]float64, 3)
	var out OutcomeSink
	b.ReportAllocs()
	for b.Loop() {
		values[0], values[1], values[2] = t1.Rand(), t2.Rand(), g.Rand()
		if err := st.Run(values, &out); err != nil {
			b.Fatal(err)
		}
	}
}
