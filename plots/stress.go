package plots

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
	"github.com/regiosim/regiosim/sim/stress"
)

// Stress draws the charts of a stress test: a fan chart of each party's
// yearly net position (P10–P90 band, P50 line), the histogram and S-curve
// (CDF) of outcome chart (an index of res.Outcomes; −1: none), the chances
// of the events, the rank correlations of the params with the first
// headline outcome, and the wrong-pocket matrix at P50 with each cell's
// P10–P90. Parties, initiatives and instruments are named by their names
// in s, the scenario stressed (nil: by their ids).
func Stress(res *stress.Result, chart int, s *scenarios.Scenario, l Labels) ([]Chart, error) {
	return stressCharts(res, chart, true, scenarioNames(s), l)
}

// StressHeadline is Stress without the fan charts of the parties (for
// the report, which keeps to the headline).
func StressHeadline(res *stress.Result, chart int, s *scenarios.Scenario, l Labels) ([]Chart, error) {
	return stressCharts(res, chart, false, scenarioNames(s), l)
}

func stressCharts(res *stress.Result, chart int, fans bool, n names, l Labels) ([]Chart, error) {
	if res == nil {
		return nil, fmt.Errorf("plots: no stress test")
	}
	var figs []*figure
	add := func(f *figure) {
		if f != nil {
			figs = append(figs, f)
		}
	}
	for p := range res.Yearly {
		if fans {
			add(fanChart(res, p, n, l))
		}
	}
	if vals, ok := res.Kept[chart]; ok && chart >= 0 {
		name := res.Outcomes[chart].Name
		add(histogramChart(name, vals, l))
		add(cdfChart(name, vals, l))
	}
	add(chancesChart(res, n, l))
	add(driversChart(res, l))
	add(stressWrongPocketChart(res, n, l))
	return renderAll(figs)
}

func partyIDs(res *stress.Result) []string {
	var ids []string
	for _, o := range res.Outcomes {
		if o.Group == "party" && o.Figure == "net_pv" {
			ids = append(ids, o.Subject)
		}
	}
	return ids
}

// fanChart: party p's net position per year, P10–P90 as a band and P50 as
// a line; parties at zero in every draw are left out.
func fanChart(res *stress.Result, p int, nm names, l Labels) *figure {
	series := res.Yearly[p]
	visibleAny := false
	for _, st := range series {
		if math.Abs(st.P10) >= visible || math.Abs(st.P90) >= visible {
			visibleAny = true
		}
	}
	if !visibleAny {
		return nil
	}
	id := partyIDs(res)[p]
	f := &figure{name: "fan_" + fileStem(id), title: l.Tf("chart.fan", nm.of(id)), plot: newPlot(l.T("axis.year"), l.T("axis.euros"))}
	pl := f.plot
	pl.Add(grid{}, &refLine{At: 0, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}})
	st := partyStyle(p)
	n := len(res.Years)
	band := make(plotter.XYs, 0, 2*n)
	mid := make(plotter.XYs, n)
	for k, y := range res.Years {
		band = append(band, plotter.XY{X: float64(y), Y: series[k].P10})
		mid[k] = plotter.XY{X: float64(y), Y: series[k].P50}
	}
	for k := n - 1; k >= 0; k-- {
		band = append(band, plotter.XY{X: float64(res.Years[k]), Y: series[k].P90})
	}
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return nil
	}
	n8 := color.NRGBAModel.Convert(st.Color).(color.NRGBA)
	c := color.NRGBA{R: n8.R, G: n8.G, B: n8.B, A: 90} // the line's colour, see-through
	poly.Color = c
	poly.LineStyle = draw.LineStyle{}
	pl.Add(poly)
	f.legend = append(f.legend, legendEntry{Label: "P10–P90", Thumb: fillThumb(fillStyle{Color: c})})
	f.addLine(mid, st, "P50")
	yearAxis(pl, res.Years, false)
	euroAxis(&pl.Y, l)
	niceBounds(&pl.Y)
	f.data = [][]string{{"year", "p10", "p50", "p90"}}
	for k, y := range res.Years {
		f.data = append(f.data, []string{strconv.Itoa(y), num(series[k].P10), num(series[k].P50), num(series[k].P90)})
	}
	return f
}

// histogramChart: the draws of one outcome in 30 bins.
func histogramChart(name string, vals []float64, l Labels) *figure {
	if len(vals) == 0 {
		return nil
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	if hi-lo < 1e-12*math.Max(1, math.Abs(hi)) {
		return nil // one value: nothing to show
	}
	const bins = 30
	counts := make([]float64, bins)
	w := (hi - lo) / bins
	for _, v := range vals {
		counts[min(int((v-lo)/w), bins-1)]++
	}
	f := &figure{name: "histogram_" + fileStem(name), title: l.Tf("chart.histogram", pathText(l, name)), plot: newPlot(pathText(l, name), l.T("axis.share_draws"))}
	p := f.plot
	p.Add(grid{})
	b := &bars{Outline: barOutline}
	st := instrumentStyle(0)
	f.data = [][]string{{"from", "to", "share"}}
	for i, c := range counts {
		x0 := lo + float64(i)*w
		share := c / float64(len(vals))
		b.Rects = append(b.Rects, rect{X0: x0, X1: x0 + w, Y0: 0, Y1: 100 * share, Fill: st.fill()})
		f.data = append(f.data, []string{num(x0), num(x0 + w), strconv.FormatFloat(share, 'f', 6, 64)})
	}
	p.Add(b)
	p.Y.Min = 0
	headroom(&p.Y)
	return f
}

// cdfChart: the S-curve of one outcome: the share of draws at or below
// each value.
func cdfChart(name string, vals []float64, l Labels) *figure {
	if len(vals) < 2 {
		return nil
	}
	s := slices.Clone(vals)
	slices.Sort(s)
	if s[0] == s[len(s)-1] {
		return nil
	}
	f := &figure{name: "cdf_" + fileStem(name), title: l.Tf("chart.cdf", pathText(l, name)), plot: newPlot(pathText(l, name), l.T("axis.share_draws"))}
	p := f.plot
	p.Add(grid{})
	// At most 400 points: the curve looks the same.
	step := max(1, len(s)/400)
	var xys plotter.XYs
	f.data = [][]string{{"value", "share_at_or_below"}}
	for i := 0; i < len(s); i += step {
		share := float64(i+1) / float64(len(s))
		xys = append(xys, plotter.XY{X: s[i], Y: 100 * share})
		f.data = append(f.data, []string{num(s[i]), strconv.FormatFloat(share, 'f', 6, 64)})
	}
	xys = append(xys, plotter.XY{X: s[len(s)-1], Y: 100})
	line, err := plotter.NewLine(xys)
	if err != nil {
		return nil
	}
	line.LineStyle = instrumentStyle(0).line(vg.Points(1.5))
	p.Add(line)
	p.Y.Min, p.Y.Max = 0, 100
	return f
}

// chancesChart: the chance of every event, as horizontal bars (0–100 %).
func chancesChart(res *stress.Result, names names, l Labels) *figure {
	if len(res.Events) == 0 {
		return nil
	}
	n := len(res.Events)
	f := &figure{name: "chances", title: l.T("chart.chances"), plot: newPlot(l.T("axis.share_draws"), ""), rows: n}
	p := f.plot
	p.Add(grid{Vertical: true})
	b := &bars{}
	lab := &labels{Pad: true}
	ticks := make([]plot.Tick, n)
	sty := middle(textStyle(smallSize), 0)
	f.data = [][]string{{"event", "subject", "p", "se"}}
	for k, e := range res.Events {
		y := float64(n - 1 - k)
		b.Rects = append(b.Rects, rect{X0: 0, X1: 100 * e.P, Y0: y - 0.34, Y1: y + 0.34, Fill: eventStyle(e.Kind).fill()})
		lab.Labels = append(lab.Labels, label{X: 100 * e.P, Y: y, Text: strconv.FormatFloat(100*e.P, 'f', 0, 64) + "%", Style: sty, Offset: vg.Point{X: vg.Points(4)}})
		ticks[n-1-k] = plot.Tick{Value: y, Label: l.T("event."+e.Kind+".short") + " " + names.of(e.Subject)}
		f.data = append(f.data, []string{e.Kind, e.Subject, strconv.FormatFloat(e.P, 'f', 6, 64), strconv.FormatFloat(e.SE, 'f', 6, 64)})
	}
	p.Add(b, lab)
	horizontalBars(p, ticks, n)
	p.X.Min, p.X.Max = 0, 110
	return f
}

// eventStyle gives each kind of event its colour.
func eventStyle(kind string) series {
	kinds := []string{"closes", "worse_off", "fully_funded", "gap_after_funds_end", "wrong_pocket_half"}
	return instrumentStyle(max(slices.Index(kinds, kind), 0))
}

func horizontalBars(p *plot.Plot, ticks []plot.Tick, n int) {
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Padding = 0
}

// driversChart: the rank correlation of each param with the first
// headline outcome, widest on top.
func driversChart(res *stress.Result, l Labels) *figure {
	if len(res.Drivers) == 0 || len(res.Drivers[0].Params) == 0 {
		return nil
	}
	d := res.Drivers[0]
	n := len(d.Params)
	f := &figure{name: "drivers", title: l.Tf("chart.drivers", pathText(l, d.Outcome)), plot: newPlot(l.T("axis.rho"), ""), rows: n}
	p := f.plot
	p.Add(grid{Vertical: true}, &refLine{Vertical: true, At: 0, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}})
	b := &bars{}
	lab := &labels{Pad: true}
	ticks := make([]plot.Tick, n)
	sty := middle(textStyle(smallSize), 0)
	f.data = [][]string{{"param", "rho"}}
	for k, s := range d.Params {
		y := float64(n - 1 - k)
		b.Rects = append(b.Rects, rect{X0: 0, X1: s.Rho, Y0: y - 0.34, Y1: y + 0.34, Fill: initiativeStyle(k).fill()})
		ls, off := sty, vg.Points(4)
		if s.Rho < 0 {
			ls.XAlign, off = draw.XRight, -off
		}
		lab.Labels = append(lab.Labels, label{X: s.Rho, Y: y, Text: strconv.FormatFloat(s.Rho, 'f', 2, 64), Style: ls, Offset: vg.Point{X: off}})
		ticks[n-1-k] = plot.Tick{Value: y, Label: pathText(l, s.Param)}
		f.data = append(f.data, []string{s.Param, strconv.FormatFloat(s.Rho, 'f', 6, 64)})
	}
	p.Add(b, lab)
	horizontalBars(p, ticks, n)
	p.X.Min, p.X.Max = -1.15, 1.15
	return f
}

// stressWrongPocketChart: the wrong-pocket matrix at P50, each cell with
// its P10–P90 below.
func stressWrongPocketChart(res *stress.Result, n names, l Labels) *figure {
	var bearers, savers []string
	type cell struct{ b, s string }
	at := map[cell]stress.Summary{}
	for i, o := range res.Outcomes {
		if o.Group != "wrong_pocket" {
			continue
		}
		if !slices.Contains(bearers, o.Subject) {
			bearers = append(bearers, o.Subject)
		}
		if !slices.Contains(savers, o.Other) {
			savers = append(savers, o.Other)
		}
		at[cell{o.Subject, o.Other}] = res.Stats[i]
	}
	wp := sim.WrongPocket{Bearers: bearers, Savers: savers}
	for _, b := range bearers {
		row := make([]float64, len(savers))
		for j, s := range savers {
			row[j] = at[cell{b, s}].P50
			if st := at[cell{b, s}]; row[j] == 0 && st.P90 != 0 {
				row[j] = st.P90 * 1e-9 // visible: the cell is not always empty
			}
		}
		wp.Values = append(wp.Values, row)
	}
	f := wrongPocketFigure(wp, n, func(b, s int, v float64) string {
		st := at[cell{bearers[b], savers[s]}]
		return money(l, st.P50) + "\n" + moneyRange(l, st.P10, st.P90)
	}, l)
	if f == nil {
		return nil
	}
	f.name, f.title = "wrong_pocket_p50", l.T("chart.wrong_pocket_p50")
	f.maxCell.Y = 34
	f.data = [][]string{{"bearer", "saver", "p10", "p50", "p90"}}
	keys := make([]cell, 0, len(at))
	for k := range at {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b cell) int { return cmp.Or(cmp.Compare(a.b, b.b), cmp.Compare(a.s, b.s)) })
	for _, k := range keys {
		if st := at[k]; st.Max != 0 || st.Min != 0 {
			f.data = append(f.data, []string{k.b, k.s, num(st.P10), num(st.P50), num(st.P90)})
		}
	}
	return f
}
