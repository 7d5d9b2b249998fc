package plots

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/regiosim/regiosim/sim"
)

// optionPalette colours the options of a comparison: Paul Tol's "bright"
// scheme (see initiativePalette), the base first.
var optionPalette = initiativePalette

func optionStyle(i int) series { return pick(optionPalette, i) }

// Compare draws the charts of a comparison, each as the difference of
// every option from the base (the base itself is the zero line): the net
// present value per party (grouped bars) and the gap of all initiatives
// per year (lines). options are those compared (sim.Compare's input),
// for the names of the parties; nil names them by id. Without an option
// besides the base there is nothing to draw.
func Compare(c *sim.Comparison, options []sim.Option, l Labels) ([]Chart, error) {
	if c == nil || len(c.Options) == 0 {
		return nil, fmt.Errorf("plots: no comparison")
	}
	var rs []*sim.Result
	for _, o := range options {
		rs = append(rs, o.Result)
	}
	n := partyNames(rs...)
	var figs []*figure
	if f := compareNetChart(c, n, l); f != nil {
		figs = append(figs, f)
	}
	if f := compareGapChart(c, l); f != nil {
		figs = append(figs, f)
	}
	return renderAll(figs)
}

// optionLabel is "base: name" or "V1: name", as in the comparison tables.
func optionLabel(c *sim.Comparison, i int, l Labels) string {
	code := "V" + strconv.Itoa(i)
	if i == 0 {
		code = l.T("cmp.base")
	}
	return code + ": " + c.Options[i].Name
}

// baseEntry is the legend's first line: the zero line is the base.
func baseEntry(c *sim.Comparison, l Labels) legendEntry {
	return legendEntry{Label: sayf(l, "legend.zero_is_base", c.Options[0].Name), Thumb: lineThumb(zeroLine, nil)}
}

var zeroLine = draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}

// netDelta is party p's net present value in option o minus the base's
// (sim.PartyComparison.Delta; a party missing from an option counts as
// zero there).
func netDelta(c *sim.Comparison, o, p int) float64 {
	if p < len(c.Options[o].Parties) {
		return c.Options[o].Parties[p].Delta.Net
	}
	return 0
}

// compareNetChart: per party (rows) one bar per option besides the base:
// its net present value minus the base's. Parties that no option moves
// by a euro or more are left out.
func compareNetChart(c *sim.Comparison, n names, l Labels) *figure {
	if len(c.Options) < 2 {
		return nil
	}
	base := c.Options[0]
	var drawn []int
	for p := range base.Parties {
		vals := []float64{}
		for o := 1; o < len(c.Options); o++ {
			vals = append(vals, netDelta(c, o, p))
		}
		if anyVisible(vals) {
			drawn = append(drawn, p)
		}
	}
	if len(drawn) == 0 {
		return nil
	}
	nOpt := len(c.Options) - 1
	f := &figure{name: "compare_net", title: say(l, "chart.compare_net_diff"), plot: newPlot(say(l, "axis.diff_euros_pv"), ""), rows: len(drawn) * max(1, nOpt/2)}
	p := f.plot
	p.Add(grid{Vertical: true}, &refLine{Vertical: true, At: 0, Style: zeroLine})
	b := &bars{}
	ticks := make([]plot.Tick, len(drawn))
	band := 0.8 / float64(nOpt)
	rows := len(drawn)
	f.data = [][]string{{"party", "option", "net_pv_diff"}}
	for k, pi := range drawn {
		y := float64(rows - 1 - k)
		id := base.Parties[pi].ID
		ticks[k] = plot.Tick{Value: y, Label: n.of(id)}
		for oi := 1; oi < len(c.Options); oi++ {
			v := netDelta(c, oi, pi)
			top := y + 0.4 - float64(oi-1)*band
			b.Rects = append(b.Rects, rect{X0: 0, X1: v, Y0: top - band*0.9, Y1: top, Fill: optionStyle(oi).fill()})
			f.data = append(f.data, []string{id, c.Options[oi].Name, num(v)})
		}
	}
	p.Add(b)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Y.Min, p.Y.Max = -0.6, float64(rows)-0.4
	p.Y.Padding = 0
	euroAxis(&p.X, l)
	niceBounds(&p.X)
	f.legend = append(f.legend, baseEntry(c, l))
	for oi := 1; oi < len(c.Options); oi++ {
		f.legend = append(f.legend, legendEntry{Label: optionLabel(c, oi, l), Thumb: fillThumb(optionStyle(oi).fill())})
	}
	return f
}

// gapDelta is the gap of all initiatives in year t in option o minus the
// base's.
func gapDelta(c *sim.Comparison, o, t int) float64 {
	return at(c.Options[o].GapByYear, t) - at(c.Options[0].GapByYear, t)
}

// compareGapChart: the gap of all initiatives together per year, one line
// per option besides the base: its gap minus the base's. Left out when
// no option's gap differs from the base's.
func compareGapChart(c *sim.Comparison, l Labels) *figure {
	if len(c.Options) < 2 || len(c.Years) == 0 {
		return nil
	}
	any := false
	for o := 1; o < len(c.Options); o++ {
		for t := range c.Years {
			any = any || math.Abs(gapDelta(c, o, t)) >= visible
		}
	}
	if !any {
		return nil
	}
	f := &figure{name: "compare_gap", title: say(l, "chart.compare_gap_diff"), plot: newPlot(l.T("axis.year"), say(l, "axis.diff_euros"))}
	p := f.plot
	p.Add(grid{}, &refLine{At: 0, Style: zeroLine})
	f.legend = append(f.legend, baseEntry(c, l))
	head := []string{}
	for oi := 1; oi < len(c.Options); oi++ {
		xys := make(plotter.XYs, len(c.Years))
		for t, y := range c.Years {
			xys[t] = plotter.XY{X: float64(y), Y: gapDelta(c, oi, t)}
		}
		label := optionLabel(c, oi, l)
		if !slices.ContainsFunc(xys, func(xy plotter.XY) bool { return math.Abs(xy.Y) >= visible }) {
			label += " " + say(l, "legend.no_diff") // its line lies on the zero line
		}
		f.addLine(xys, optionStyle(oi), label)
		head = append(head, c.Options[oi].Name)
	}
	yearAxis(p, c.Years, false)
	euroAxis(&p.Y, l)
	niceBounds(&p.Y)
	f.data = [][]string{yearsHeader(head...)}
	for t, y := range c.Years {
		row := []string{strconv.Itoa(y)}
		for oi := 1; oi < len(c.Options); oi++ {
			row = append(row, num(gapDelta(c, oi, t)))
		}
		f.data = append(f.data, row)
	}
	return f
}
