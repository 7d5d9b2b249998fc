package plots

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/regiosim/regiosim/sim/sens"
)

// Tornado draws a tornado: for each value a bar from the base outcome to
// the outcome at its low (one colour) and at its high (another), widest on
// top; with spider, also the outcome at each value's five points.
func Tornado(t *sens.Tornado, spider bool, l Labels) ([]Chart, error) {
	figs := []*figure{tornadoChart(t, l)}
	if spider {
		if f := spiderChart(t, l); f != nil {
			figs = append(figs, f)
		}
	}
	return renderAll(figs)
}

func tornadoChart(t *sens.Tornado, l Labels) *figure {
	n := len(t.Bars)
	out := pathText(l, t.Outcome.Name)
	f := &figure{name: "tornado", title: l.Tf("chart.tornado", out), plot: newPlot(out, ""), rows: n}
	p := f.plot
	p.Add(grid{Vertical: true}, &refLine{Vertical: true, At: t.Base, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(1)}})
	low, high := instrumentStyle(0), instrumentStyle(1)
	b := &bars{}
	ticks := make([]plot.Tick, n)
	f.data = [][]string{{"param", "low", "high", "at_low", "at_high", "swing"}}
	for k, bar := range t.Bars {
		y := float64(n - 1 - k)
		b.Rects = append(b.Rects,
			rect{X0: t.Base, X1: bar.AtLow, Y0: y - 0.34, Y1: y + 0.34, Fill: low.fill()},
			rect{X0: t.Base, X1: bar.AtHigh, Y0: y - 0.34, Y1: y + 0.34, Fill: high.fill()})
		ticks[n-1-k] = plot.Tick{Value: y, Label: pathText(l, bar.Path)}
		f.data = append(f.data, []string{bar.Path, num(bar.Low), num(bar.High), num(bar.AtLow), num(bar.AtHigh), num(bar.Swing)})
	}
	p.Add(b)
	horizontalBars(p, ticks, n)
	f.legend = []legendEntry{{Label: l.T("legend.low"), Thumb: fillThumb(low.fill())}, {Label: l.T("legend.high"), Thumb: fillThumb(high.fill())}}
	if t.Outcome.Unit == "euro" {
		euroAxis(&p.X, l)
	}
	return f
}

func spiderChart(t *sens.Tornado, l Labels) *figure {
	out := pathText(l, t.Outcome.Name)
	f := &figure{name: "spider", title: l.Tf("chart.spider", out), plot: newPlot(l.T("axis.percentile"), out)}
	p := f.plot
	p.Add(grid{})
	head := []string{"percentile"}
	drawn := 0
	for k, bar := range t.Bars {
		if len(bar.Spider) == 0 {
			continue
		}
		xys := make(plotter.XYs, len(bar.Spider))
		for i, y := range bar.Spider {
			xys[i] = plotter.XY{X: float64(10 + 20*i), Y: y}
		}
		if f.addLine(xys, initiativeStyle(k), pathText(l, bar.Path)) {
			head = append(head, bar.Path)
			drawn++
		}
	}
	if drawn == 0 {
		return nil
	}
	p.X.Min, p.X.Max = 5, 95
	if t.Outcome.Unit == "euro" {
		euroAxis(&p.Y, l)
	}
	f.data = [][]string{head}
	for i := 0; i < 5; i++ {
		row := []string{strconv.Itoa(10 + 20*i)}
		for _, bar := range t.Bars {
			if i < len(bar.Spider) {
				row = append(row, num(bar.Spider[i]))
			}
		}
		f.data = append(f.data, row)
	}
	return f
}

// TwoWay draws a two-way grid as a heat map, each cell with its value;
// for a yes/no outcome, the break-even contour between cells that differ.
func TwoWay(t *sens.TwoWay, l Labels) ([]Chart, error) {
	return renderAll([]*figure{twoWayChart(t, l)})
}

func twoWayChart(t *sens.TwoWay, l Labels) *figure {
	g := t.Grid
	nx, ny := len(g.XS), len(g.YS)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range g.Values {
		for _, v := range row {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	xName, yName := pathText(l, g.X.Path), pathText(l, g.Y.Path)
	f := &figure{name: "two_way", title: l.Tf("chart.two_way", pathText(l, t.Outcome.Name), yName, xName),
		plot: newPlot(xName, yName), rows: ny, maxCell: vg.Point{X: 60, Y: 22}}
	p := f.plot
	c := &cells{Gap: vg.Points(1)}
	lab := &labels{Fit: 1, MinSize: cellMinSize}
	sty := middle(textStyle(smallSize), 0)
	sty.XAlign = draw.XCenter
	for r := ny - 1; r >= 0; r-- { // row 0 of the cells is on top: the highest Y
		row := make([]color.Color, nx)
		for j := 0; j < nx; j++ {
			v := g.Values[r][j]
			col := sequentialColor(0)
			if hi > lo {
				col = sequentialColor((v - lo) / (hi - lo))
			}
			row[j] = col
			ts := sty
			ts.Color = textOn(col)
			text := money(l, v)
			if t.Outcome.Unit != "euro" {
				text = strconv.FormatFloat(v, 'g', 3, 64)
			}
			lab.Labels = append(lab.Labels, label{X: float64(j), Y: float64(r), Text: text, Style: ts})
		}
		c.Colors = append(c.Colors, row)
	}
	p.Add(c, lab)
	if t.Outcome.Yes {
		p.Add(&contour{grid: g.Values})
	}
	xt := make([]plot.Tick, nx)
	for j, x := range g.XS {
		xt[j] = plot.Tick{Value: float64(j), Label: strconv.FormatFloat(x, 'g', 3, 64)}
	}
	yt := make([]plot.Tick, ny)
	for r, y := range g.YS {
		yt[r] = plot.Tick{Value: float64(r), Label: strconv.FormatFloat(y, 'g', 3, 64)}
	}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Length = 0
		a.LineStyle.Width = 0
		a.Padding = 0
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	f.data = [][]string{{g.Y.Path + `\` + g.X.Path}}
	for _, x := range g.XS {
		f.data[0] = append(f.data[0], num(x))
	}
	for r, y := range g.YS {
		row := []string{num(y)}
		for _, v := range g.Values[r] {
			row = append(row, num(v))
		}
		f.data = append(f.data, row)
	}
	return f
}

// contour draws the border between cells of a yes/no grid whose values
// differ: the break-even line.
type contour struct {
	grid [][]float64 // [y][x], y = 0 at the bottom
}

func (ct *contour) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := draw.LineStyle{Color: color.Black, Width: vg.Points(2.5)}
	yes := func(r, j int) bool { return ct.grid[r][j] > 0.5 }
	for r := range ct.grid {
		for j := range ct.grid[r] {
			if j+1 < len(ct.grid[r]) && yes(r, j) != yes(r, j+1) { // a vertical border
				x := tx(float64(j) + 0.5)
				c.StrokeLine2(sty, x, ty(float64(r)-0.5), x, ty(float64(r)+0.5))
			}
			if r+1 < len(ct.grid) && yes(r, j) != yes(r+1, j) { // a horizontal border
				y := ty(float64(r) + 0.5)
				c.StrokeLine2(sty, tx(float64(j)-0.5), y, tx(float64(j)+0.5), y)
			}
		}
	}
}
