package plots

import (
	"fmt"
	"strconv"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/regiosim/regiosim/sim"
)

// The colours of a fund's chart: Okabe–Ito orange for what it lends, sky
// blue for what comes back, blue for its balance (instrumentPalette).
var (
	fundLentFill   = fillStyle{Color: hex("#E69F00")}
	fundRepaidFill = fillStyle{Color: hex("#56B4E9")}
	fundBalance    = series{Color: hex("#0072B2"), Glyph: draw.CircleGlyph{}}
	fundCapital    = draw.LineStyle{Color: zeroColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
)

// FundCharts draws a chart per revolving fund of a run: per year what it
// lent and what was repaid to it (principal and interest) as bars side by
// side, its balance at the year's end as a line, and the capital put in
// so far as a dashed line, the level the balance must come back to for
// the fund to revolve. None when the run has no revolving fund.
func FundCharts(r *sim.Result, l Labels) ([]Chart, error) {
	if r == nil {
		return nil, fmt.Errorf("plots: no result")
	}
	var figs []*figure
	for _, in := range r.Instruments {
		if in.Type == "revolving_fund" {
			figs = append(figs, fundChart(r, in, l))
		}
	}
	return renderAll(figs)
}

func fundChart(r *sim.Result, in sim.InstrumentResult, l Labels) *figure {
	s := map[string]sim.Series{}
	for _, ns := range in.Series {
		s[ns.Name] = ns.Values
	}
	label := in.Name
	if label == "" {
		label = in.ID
	}
	f := &figure{name: "fund_" + fileStem(in.ID), title: sayf(l, "chart.fund", label), plot: newPlot(say(l, "axis.year"), say(l, "axis.euros"))}
	p := f.plot
	p.Add(grid{})
	n := len(r.Years)
	b := &bars{Outline: barOutline}
	back := make([]float64, n)
	capital := make(plotter.XYs, n)
	balance := make(plotter.XYs, n)
	f.data = [][]string{yearsHeader("capital_in", "lent", "repaid", "interest", "written_off", "balance")}
	so := 0.0
	for t, y := range r.Years {
		x := float64(y)
		back[t] = at(s["repaid"], t) + at(s["interest"], t)
		if v := at(s["lent"], t); v >= visible {
			b.Rects = append(b.Rects, rect{X0: x - barWidth/2, X1: x, Y0: 0, Y1: v, Fill: fundLentFill})
		}
		if back[t] >= visible {
			b.Rects = append(b.Rects, rect{X0: x, X1: x + barWidth/2, Y0: 0, Y1: back[t], Fill: fundRepaidFill})
		}
		so += at(s["capital_in"], t)
		capital[t] = plotter.XY{X: x, Y: so}
		balance[t] = plotter.XY{X: x, Y: at(in.Balance, t)}
		f.data = append(f.data, []string{strconv.Itoa(y), num(at(s["capital_in"], t)), num(at(s["lent"], t)), num(at(s["repaid"], t)),
			num(at(s["interest"], t)), num(at(s["written_off"], t)), num(at(in.Balance, t))})
	}
	p.Add(b)
	f.legend = append(f.legend, legendEntry{Label: say(l, "legend.fund_lent"), Thumb: fillThumb(fundLentFill)},
		legendEntry{Label: say(l, "legend.fund_repaid"), Thumb: fillThumb(fundRepaidFill)})
	if line, err := plotter.NewLine(capital); err == nil {
		line.LineStyle = fundCapital
		p.Add(line)
		f.legend = append(f.legend, legendEntry{Label: say(l, "legend.fund_capital"), Thumb: lineThumb(fundCapital, nil)})
	}
	f.addLine(balance, fundBalance, say(l, "legend.fund_balance"))
	yearAxis(p, r.Years, true)
	euroAxis(&p.Y, l)
	p.Y.Min = 0
	headroom(&p.Y)
	return f
}
