package plots

import (
	"fmt"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"

	"github.com/regiosim/regiosim/sim"
)

// Words of the pool charts for a Labels that lacks them (report's labels
// have them: report/pool.go).
func init() {
	for k, v := range map[string][2]string{
		"chart.pool":          {"%s: put in, saved and settled per payer (over the horizon)", "%s: inleg, bespaard en verrekend per betaler (over de horizon)"},
		"legend.pool_in":      {"put in", "inleg"},
		"legend.pool_saved":   {"saved (bought by the pool)", "bespaard (ingekocht door de pool)"},
		"legend.pool_settled": {"settled: + received, − paid", "verrekend: + ontvangen, − betaald"},
		"legend.pool_net":     {"net: key share − put in", "netto: aandeel − inleg"},
	} {
		if _, dup := words[k]; dup {
			panic("plots: duplicate word " + k)
		}
		words[k] = v
	}
}

// poolBars are the bars of a payer in a pool chart, in order: the
// figure's measure and its legend word.
var poolBars = []struct{ measure, legend string }{
	{"in", "legend.pool_in"},
	{"saved", "legend.pool_saved"},
	{"settlement", "legend.pool_settled"},
	{"net", "legend.pool_net"},
}

// PoolCharts draws a chart per pooled purchase of a run: per payer (rows)
// grouped bars of what it put in, saved (the savings the pool bought),
// settled (+ received from, − paid to the other payers) and its net, over
// the horizon. None when the run has no pooled purchase.
func PoolCharts(r *sim.Result, l Labels) ([]Chart, error) {
	if r == nil {
		return nil, fmt.Errorf("plots: no result")
	}
	var figs []*figure
	for i := range r.Instruments {
		if f := poolChart(r, &r.Instruments[i], l); f != nil {
			figs = append(figs, f)
		}
	}
	return renderAll(figs)
}

func poolChart(r *sim.Result, in *sim.InstrumentResult, l Labels) *figure {
	if in.Type != "pooled_purchase" {
		return nil
	}
	fig := map[string]float64{}
	var payers []string
	for _, nv := range in.Figures {
		fig[nv.Name] = nv.Value
		if id, ok := strings.CutPrefix(nv.Name, "in."); ok {
			payers = append(payers, id)
		}
	}
	if len(payers) == 0 {
		return nil
	}
	label := in.Name
	if label == "" {
		label = in.ID
	}
	n := partyNames(r)
	rows := len(payers)
	nb := len(poolBars)
	f := &figure{name: "pool_" + fileStem(in.ID), title: sayf(l, "chart.pool", label), plot: newPlot(l.T("axis.euros"), ""), rows: rows * 2}
	p := f.plot
	p.Add(grid{Vertical: true}, &refLine{Vertical: true, At: 0, Style: zeroLine})
	b := &bars{}
	ticks := make([]plot.Tick, rows)
	band := 0.8 / float64(nb)
	head := []string{"payer"}
	for _, pb := range poolBars {
		head = append(head, pb.measure)
	}
	f.data = [][]string{head}
	for k, id := range payers {
		y := float64(rows - 1 - k)
		ticks[k] = plot.Tick{Value: y, Label: n.of(id)}
		row := []string{id}
		for j, pb := range poolBars {
			v := fig[pb.measure+"."+id]
			top := y + 0.4 - float64(j)*band
			b.Rects = append(b.Rects, rect{X0: 0, X1: v, Y0: top - band*0.9, Y1: top, Fill: optionStyle(j).fill()})
			row = append(row, num(v))
		}
		f.data = append(f.data, row)
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
	for j, pb := range poolBars {
		f.legend = append(f.legend, legendEntry{Label: say(l, pb.legend), Thumb: fillThumb(optionStyle(j).fill())})
	}
	return f
}
