package plots

import (
	"fmt"
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

// Compare draws the charts of a comparison: the net present value per
// party per option (grouped bars), and the gap of all initiatives per year
// per option (lines).
func Compare(c *sim.Comparison, l Labels) ([]Chart, error) {
	if c == nil || len(c.Options) == 0 {
		return nil, fmt.Errorf("plots: no comparison")
	}
	var figs []*figure
	if f := compareNetChart(c, l); f != nil {
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

// compareNetChart: per party (rows) one bar per option, the base on top.
// Parties that are at zero in every option are left out.
func compareNetChart(c *sim.Comparison, l Labels) *figure {
	base := c.Options[0]
	var drawn []int
	for p, bp := range base.Parties {
		vals := []float64{}
		for _, o := range c.Options {
			if p < len(o.Parties) && o.Parties[p].ID == bp.ID {
				vals = append(vals, o.Parties[p].PV.Net)
			}
		}
		if anyVisible(vals) {
			drawn = append(drawn, p)
		}
	}
	if len(drawn) == 0 {
		return nil
	}
	nOpt := len(c.Options)
	f := &figure{name: "compare_net", title: l.T("chart.compare_net"), plot: newPlot(l.T("axis.euros_pv"), ""), rows: len(drawn) * max(1, nOpt/2)}
	p := f.plot
	p.Add(grid{Vertical: true}, &refLine{Vertical: true, At: 0, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}})
	b := &bars{}
	ticks := make([]plot.Tick, len(drawn))
	band := 0.8 / float64(nOpt)
	n := len(drawn)
	f.data = [][]string{{"party", "option", "net_pv"}}
	for k, pi := range drawn {
		y := float64(n - 1 - k)
		id := base.Parties[pi].ID
		ticks[k] = plot.Tick{Value: y, Label: id}
		for oi, o := range c.Options {
			v := 0.0
			if pi < len(o.Parties) && o.Parties[pi].ID == id {
				v = o.Parties[pi].PV.Net
			}
			top := y + 0.4 - float64(oi)*band
			b.Rects = append(b.Rects, rect{X0: 0, X1: v, Y0: top - band*0.9, Y1: top, Fill: optionStyle(oi).fill()})
			f.data = append(f.data, []string{id, o.Name, num(v)})
		}
	}
	p.Add(b)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Padding = 0
	euroAxis(&p.X, l)
	for oi := range c.Options {
		f.legend = append(f.legend, legendEntry{Label: optionLabel(c, oi, l), Thumb: fillThumb(optionStyle(oi).fill())})
	}
	return f
}

// compareGapChart: the gap of all initiatives together per year, one line
// per option. Left out when no option has a gap.
func compareGapChart(c *sim.Comparison, l Labels) *figure {
	any := false
	for _, o := range c.Options {
		any = any || anyVisible(o.GapByYear)
	}
	if !any || len(c.Years) == 0 {
		return nil
	}
	f := &figure{name: "compare_gap", title: l.T("chart.compare_gap"), plot: newPlot(l.T("axis.year"), l.T("axis.euros"))}
	p := f.plot
	p.Add(grid{}, &refLine{At: 0, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}})
	head := []string{}
	for oi, o := range c.Options {
		st := optionStyle(oi)
		xys := make(plotter.XYs, len(c.Years))
		for t, y := range c.Years {
			xys[t] = plotter.XY{X: float64(y), Y: at(o.GapByYear, t)}
		}
		if !f.addLine(xys, st, optionLabel(c, oi, l)) {
			continue
		}
		head = append(head, o.Name)
	}
	yearAxis(p, c.Years, false)
	euroAxis(&p.Y, l)
	niceBounds(&p.Y)
	f.data = [][]string{yearsHeader(head...)}
	for t, y := range c.Years {
		row := []string{strconv.Itoa(y)}
		for _, o := range c.Options {
			row = append(row, num(at(o.GapByYear, t)))
		}
		f.data = append(f.data, row)
	}
	return f
}
