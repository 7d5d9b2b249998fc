package plots

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// niceStep is the smallest step of the form 1, 2 or 5 × 10^k that is at
// least raw. Such steps keep tick labels exact in the one decimal that
// Labels.Short shows for millions.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// valueTicks marks about n values between min and max on a 1-2-5 step and
// labels them with format.
func valueTicks(min, max float64, n int, format func(float64) string) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: format(min)}}
	}
	step := niceStep((max - min) / float64(n))
	if step == 0 {
		return []plot.Tick{{Value: min, Label: format(min)}}
	}
	var ticks []plot.Tick
	for k := math.Ceil(min/step - 1e-9); k*step <= max+step*1e-9; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no "-0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: format(v)})
	}
	return ticks
}

// euroTicks labels a euro axis with Labels.Short.
func euroTicks(l Labels) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		return valueTicks(min, max, 5, l.Short)
	})
}

// percentTicks labels a 0–100 axis: 0%, 25%, … .
var percentTicks = plot.TickerFunc(func(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for v := 0.0; v <= max+1e-9; v += 25 {
		if v >= min-1e-9 {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.Itoa(int(v)) + "%"})
		}
	}
	return ticks
})

// yearTicks marks every year between min and max, labelling every year up
// to twelve years, every other year up to 24 and every fifth beyond.
var yearTicks = plot.TickerFunc(func(min, max float64) []plot.Tick {
	first, last := int(math.Ceil(min-1e-9)), int(math.Floor(max+1e-9))
	every := 1
	switch n := last - first + 1; {
	case n > 24:
		every = 5
	case n > 12:
		every = 2
	}
	var ticks []plot.Tick
	for y := first; y <= last; y++ {
		t := plot.Tick{Value: float64(y)}
		if (y-first)%every == 0 {
			t.Label = strconv.Itoa(y)
		}
		ticks = append(ticks, t)
	}
	return ticks
})
