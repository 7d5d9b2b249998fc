// Package plots draws the charts of a run for a regional table: funding by
// source, net positions, cumulative nets, phase-out profiles, the
// wrong-pocket matrix, coverage and gaps, each as SVG and PNG at the text
// width of an A4 page (16 cm × 9 cm, taller for many parties), labelled
// in the chosen language. Colours come from colour-blind-safe palettes
// (style.go); a party has the same colour in every chart.
//
// Charts only arrange numbers that sim.Result already holds; they compute
// no money.
package plots

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image/color"
	"image/png"
	"math"
	"slices"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/regiosim/regiosim/sim"
)

// Labels is what the charts need of a language; report.Lang implements it
// (T returns the label for a key, Tf formats one, Short formats euros as
// "€ 1,2 mln" (nl) / "€1.2M" (en), Code is "en" or "nl"). The charts
// read a Code field where the Labels has one (report.Lang's), for the
// units of euro axes and the few texts that report's labels lack
// (words.go); without one they are in English.
type Labels interface {
	T(key string) string
	Tf(key string, args ...any) string
	Short(v float64) string
}

// pathNamer is what Labels may also do: say a path of a scenario value or
// an outcome in words, with names ("savings scale of Valpreventie").
type pathNamer interface {
	PathText(path string) string
}

// phaseOutTitler is what Labels may also do: title a phase-out's chart
// without repeating the word its name starts with ("Afbouw X: …").
type phaseOutTitler interface {
	PhaseOutChartTitle(name string) string
}

// phaseOutTitle is the title of the chart of the phase-out with this name.
func phaseOutTitle(l Labels, name string) string {
	if t, ok := l.(phaseOutTitler); ok {
		return t.PhaseOutChartTitle(name)
	}
	return l.Tf("chart.phase_out", name)
}

// pathText is the path in words when l can say it, else the path.
func pathText(l Labels, path string) string {
	if n, ok := l.(pathNamer); ok {
		return n.PathText(path)
	}
	return path
}

// Chart is one chart, drawn in both formats.
type Chart struct {
	Name  string // file stem, e.g. "funding", "net_position", "phase_out_afbouw-legacy"
	Title string // in the chosen language
	SVG   []byte
	PNG   []byte
	Data  [][]string // the numbers drawn, as CSV-like rows with a header row (for goldens and tests)
}

// All draws every chart of a run, in this order: funding, net_position,
// cumulative_net, phase_out_<id> per phase-out, wrong_pocket,
// wallet_fill_<id>, coverage, gap, fund_<id> per revolving fund and
// pool_<id> per pooled purchase. A chart with nothing to show (no phase-outs, no gap in any year,
// an all-zero wrong-pocket matrix, …) is left out.
func All(r *sim.Result, l Labels) ([]Chart, error) {
	figs, err := runFigures(r, l)
	if err != nil {
		return nil, err
	}
	return renderAll(figs)
}

// AllSVG draws the charts of All as SVG only (no PNG), or only those
// named: for a page that redraws them on every change.
func AllSVG(r *sim.Result, l Labels, only ...string) ([]Chart, error) {
	figs, err := runFigures(r, l)
	if err != nil {
		return nil, err
	}
	var charts []Chart
	for _, f := range figs {
		if len(only) > 0 && !slices.Contains(only, f.name) {
			continue
		}
		svg, err := f.renderSVG()
		if err != nil {
			return nil, fmt.Errorf("plots: chart %s: %w", f.name, err)
		}
		charts = append(charts, Chart{Name: f.name, Title: f.title, SVG: svg, Data: f.data})
	}
	return charts, nil
}

// runFigures are the figures of a run's charts, in All's order.
func runFigures(r *sim.Result, l Labels) ([]*figure, error) {
	if r == nil {
		return nil, fmt.Errorf("plots: no result")
	}
	var figs []*figure
	add := func(f *figure) {
		if f != nil {
			figs = append(figs, f)
		}
	}
	add(fundingChart(r, l))
	add(netChart(r, l))
	add(cumulativeChart(r, l))
	for i := range r.PhaseOuts {
		add(phaseOutChart(r, i, l))
	}
	add(wrongPocketChart(r, l))
	for _, f := range walletFillCharts(r, l) {
		add(f)
	}
	add(coverageChart(r, l))
	add(gapChart(r, l))
	for i := range r.Instruments {
		switch in := &r.Instruments[i]; in.Type {
		case "revolving_fund":
			add(fundChart(r, *in, l))
		case "pooled_purchase":
			add(poolChart(r, in, l))
		}
	}
	return figs, nil
}

// renderOne draws one figure.
func renderOne(f *figure) (Chart, error) {
	cs, err := renderAll([]*figure{f})
	if err != nil {
		return Chart{}, err
	}
	return cs[0], nil
}

// renderAll draws figures side by side: each has its own canvases, and
// gonum/plot's font cache is safe for concurrent use.
func renderAll(figs []*figure) ([]Chart, error) {
	charts := make([]Chart, len(figs))
	errs := make([]error, len(figs))
	var wg sync.WaitGroup
	for i, f := range figs {
		wg.Go(func() {
			svg, png, err := f.render()
			if err != nil {
				errs[i] = fmt.Errorf("plots: chart %s: %w", f.name, err)
				return
			}
			charts[i] = Chart{Name: f.name, Title: f.title, SVG: svg, PNG: png, Data: f.data}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return charts, nil
}

// figure is a chart before drawing: a gonum plot without a title, the
// title and the legend that the figure lays out around it, and the data
// rows.
type figure struct {
	name, title string
	plot        *plot.Plot
	legend      []legendEntry
	data        [][]string
	// rows is how many rows of text the plot's Y axis carries (bars of
	// cumulative_net, rows of the heat map): the figure grows taller when
	// they would not fit at rowHeight.
	rows int
	// maxCell, when set, bounds the size of a unit of the data area (a
	// heat map's cell): a small matrix stays compact, top left.
	maxCell vg.Point
	// panels, when set, are small multiples drawn instead of plot, in a
	// grid of panelCols columns, each with its own scale and legend.
	panels []*panel
	// note is a line of small text under the title (the unit of the
	// panels' axes).
	note string
}

// panel is one of the small multiples of a figure: a heading, a plot with
// its own axes, and its legend below the plot.
type panel struct {
	heading string
	plot    *plot.Plot
	legend  []legendEntry
	parties []int // the parties it draws (net_position)
	// maxCell bounds a unit of the plot's axes, as figure.maxCell; the
	// legend follows right below the plot.
	maxCell vg.Point
}

// Layout of small multiples.
const (
	panelGapX    = vg.Length(16)
	panelGapY    = vg.Length(10)
	panelLegendY = vg.Length(4) // between a panel's plot and its legend
	minPanelPlot = vg.Length(105)
	headingGap   = vg.Length(7) // below a heading: room for the top tick label
)

var headingStyle = text.Style{
	Color:   color.Black,
	Font:    sansBold(labelSize),
	XAlign:  draw.XLeft,
	YAlign:  draw.YTop,
	Handler: plot.DefaultTextHandler,
}

// panelCols is the number of columns of a grid of n panels: one for a
// single panel, two up to eight, else three.
func panelCols(n int) int {
	switch {
	case n <= 1:
		return 1
	case n <= 8:
		return 2
	}
	return 3
}

// panelLegend places a panel's legend entries in as many columns as fit
// width.
func panelLegend(entries []legendEntry, width vg.Length) ([]placed, vg.Length) {
	if len(entries) == 0 {
		return nil, 0
	}
	lineH := legendStyle.FontExtents().Height
	for cols := len(entries); ; cols-- {
		rows := (len(entries) + cols - 1) / cols
		out, w, h := layoutLegend(entries, legendStyle, vg.Length(rows)*(lineH+entryGap)-entryGap+0.01)
		if w <= width || cols == 1 {
			return out, h
		}
	}
}

// panelGrid is the layout of f's panels in an area w wide: the width of a
// column, and per row the height of its heading and legend (without the
// plot).
func (f *figure) panelGrid(w vg.Length) (colW vg.Length, fixed []vg.Length) {
	cols := panelCols(len(f.panels))
	colW = (w - panelGapX*vg.Length(cols-1)) / vg.Length(cols)
	for k, p := range f.panels {
		if k%cols == 0 {
			fixed = append(fixed, 0)
		}
		h := vg.Length(0)
		if p.heading != "" {
			h += headingStyle.Height(p.heading) + headingGap
		}
		if _, lh := panelLegend(p.legend, colW); lh > 0 {
			h += lh + panelLegendY
		}
		fixed[len(fixed)-1] = max(fixed[len(fixed)-1], h)
	}
	return colW, fixed
}

// titleHeight is the room the title takes, with the gap below it.
func (f *figure) titleHeight(w vg.Length) vg.Length {
	h := vg.Length(0)
	if f.title != "" {
		h += titleStyle.Height(wrap(f.title, titleStyle, w)) + titleGap
	}
	if f.note != "" {
		h += legendStyle.Height(f.note) + titleGap
	}
	return h
}

// panelsHeight is the height that f's panels need: each row's plot at
// least minPanelPlot tall.
func (f *figure) panelsHeight() vg.Length {
	w := Width - 2*margin
	_, fixed := f.panelGrid(w)
	need := 2*margin + f.titleHeight(w) + panelGapY*vg.Length(len(fixed)-1)
	for _, h := range fixed {
		need += h + minPanelPlot
	}
	return need
}

// drawPanels lays f's panels out in body, below the title.
func (f *figure) drawPanels(body draw.Canvas) {
	cols := panelCols(len(f.panels))
	w := body.Max.X - body.Min.X
	colW, fixed := f.panelGrid(w)
	room := body.Max.Y - body.Min.Y - panelGapY*vg.Length(len(fixed)-1)
	for _, h := range fixed {
		room -= h
	}
	plotH := max(room/vg.Length(len(fixed)), 20)
	top := body.Max.Y
	for row := range fixed {
		for col := range cols {
			k := row*cols + col
			if k >= len(f.panels) {
				break
			}
			p := f.panels[k]
			x := body.Min.X + vg.Length(col)*(colW+panelGapX)
			y := top
			if p.heading != "" {
				body.FillText(headingStyle, vg.Point{X: x, Y: y}, p.heading)
				y -= headingStyle.Height(p.heading) + headingGap
			}
			area := draw.Crop(body, 0, 0, 0, 0)
			area.Min = vg.Point{X: x, Y: y - plotH}
			area.Max = vg.Point{X: x + colW, Y: y}
			area = compact(p.plot, p.maxCell, area)
			p.plot.Draw(area)
			if entries, _ := panelLegend(p.legend, colW); len(entries) > 0 {
				drawLegend(body, entries, legendStyle, vg.Point{X: x, Y: area.Min.Y - panelLegendY})
			}
		}
		top -= fixed[row] + plotH + panelGapY
	}
}

// Layout of a figure.
const (
	margin       = vg.Length(6)
	titleGap     = vg.Length(6)
	legendMargin = vg.Length(10)
)

var (
	titleStyle = text.Style{
		Color:   color.Black,
		Font:    sansBold(titleSize),
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
	legendStyle = textStyle(smallSize)
)

// Room per row of text on a Y axis and in a legend, and the room taken
// by the title, the X axis and the margins (one title line).
const (
	rowHeight = vg.Length(11)
	overhead  = vg.Length(65)
)

// height is the figure's height: Height, or taller (up to MaxHeight) when
// its rows or its legend (in at most two columns) need it.
func (f *figure) height() vg.Length {
	if len(f.panels) > 0 {
		return min(max(Height, f.panelsHeight()), MaxHeight)
	}
	need := rowHeight*vg.Length(f.rows) + overhead
	if len(f.legend) > 0 {
		_, _, lh := layoutLegend(f.legend, legendStyle, math.MaxFloat64)
		need = max(need, lh/2+overhead)
	}
	return min(max(Height, need), MaxHeight)
}

// draw lays the figure out on c: the title on top (wrapped when long),
// the legend on the right, the plot in the rest.
func (f *figure) draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())

	body := draw.Crop(c, margin, -margin, margin, -margin)
	if f.title != "" {
		title := wrap(f.title, titleStyle, body.Max.X-body.Min.X)
		c.FillText(titleStyle, vg.Point{X: body.Min.X, Y: body.Max.Y}, title)
		body.Max.Y -= titleStyle.Height(title) + titleGap
	}
	if f.note != "" {
		sty := legendStyle
		sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
		c.FillText(sty, vg.Point{X: body.Min.X, Y: body.Max.Y}, f.note)
		body.Max.Y -= sty.Height(f.note) + titleGap
	}
	if len(f.panels) > 0 {
		f.drawPanels(body)
		return
	}

	if len(f.legend) > 0 {
		entries, lw, lh := layoutLegend(f.legend, legendStyle, body.Max.Y-body.Min.Y)
		plotArea := draw.Crop(body, 0, -(lw + legendMargin), 0, 0)
		f.plot.Draw(plotArea)
		// The legend starts level with the top of the data area, or
		// higher when it would not fit below that.
		top := f.plot.DataCanvas(plotArea).Max.Y
		if top-lh < body.Min.Y {
			top = body.Max.Y
		}
		drawLegend(c, entries, legendStyle, vg.Point{X: plotArea.Max.X + legendMargin, Y: top})
		return
	}
	f.plot.Draw(f.compact(body))
}

// compact shrinks the plot's area so that a unit of its axes is no larger
// than f.maxCell: the largest cut that leaves the data area at least that
// large, found by bisection (the axes' padding depends on the area).
func (f *figure) compact(area draw.Canvas) draw.Canvas {
	return compact(f.plot, f.maxCell, area)
}

// compact shrinks area so that a unit of p's axes is no larger than
// maxCell (see figure.compact).
func compact(p *plot.Plot, maxCell vg.Point, area draw.Canvas) draw.Canvas {
	if maxCell.X <= 0 || maxCell.Y <= 0 {
		return area
	}
	wantW := vg.Length(p.X.Max-p.X.Min) * maxCell.X
	wantH := vg.Length(p.Y.Max-p.Y.Min) * maxCell.Y
	size := func(cut vg.Length, horizontal bool) vg.Length {
		a := area
		if horizontal {
			a.Max.X -= cut
			d := p.DataCanvas(a)
			return d.Max.X - d.Min.X
		}
		a.Min.Y += cut
		d := p.DataCanvas(a)
		return d.Max.Y - d.Min.Y
	}
	bisect := func(room, want vg.Length, horizontal bool) vg.Length {
		lo, hi := vg.Length(0), room // size(lo) ≥ want is kept true
		if size(lo, horizontal) <= want {
			return 0
		}
		for range 24 {
			mid := (lo + hi) / 2
			if size(mid, horizontal) >= want {
				lo = mid
			} else {
				hi = mid
			}
		}
		return lo
	}
	area.Max.X -= bisect(area.Max.X-area.Min.X, wantW, true)
	// The area stays as tall as the Y axis' label is long.
	room := area.Max.Y - area.Min.Y - p.Y.Label.TextStyle.Width(p.Y.Label.Text) - 4
	if room > 0 {
		area.Min.Y += bisect(room, wantH, false)
	}
	return area
}

// render draws the figure as SVG and as PNG.
// renderSVG draws the figure as SVG only.
func (f *figure) renderSVG() (svgOut []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("drawing failed: %v", p)
		}
	}()
	sc := vgsvg.New(Width, f.height())
	f.draw(draw.New(sc))
	var sb bytes.Buffer
	if _, err := sc.WriteTo(&sb); err != nil {
		return nil, err
	}
	return withTitle(portableFonts(sb.Bytes()), f.title), nil
}

func (f *figure) render() (svgOut, pngOut []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("drawing failed: %v", p)
		}
	}()

	h := f.height()
	svgOut, err = f.renderSVG()
	if err != nil {
		return nil, nil, err
	}

	ic := vgimg.NewWith(vgimg.UseWH(Width, h), vgimg.UseDPI(DPI), vgimg.UseBackgroundColor(color.White))
	f.draw(draw.New(ic))
	// Fast compression: four times quicker than the default for files
	// some 20% larger.
	var pb bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&pb, ic.Image()); err != nil {
		return nil, nil, err
	}
	return svgOut, pb.Bytes(), nil
}

// withTitle adds a <title> to the SVG: what screen readers announce and
// browsers show on hover.
func withTitle(svg []byte, title string) []byte {
	start := bytes.Index(svg, []byte("<svg"))
	if title == "" || start < 0 {
		return svg
	}
	end := bytes.IndexByte(svg[start:], '>')
	if end < 0 {
		return svg
	}
	at := start + end + 1
	out := make([]byte, 0, len(svg)+len(title)+20)
	out = append(out, svg[:at]...)
	out = append(out, "\n<title>"+html.EscapeString(title)+"</title>"...)
	return append(out, svg[at:]...)
}

// portableFonts gives the SVG's Liberation Sans the metric-compatible
// fonts of other systems as fallbacks (Arial, Helvetica), so that a
// browser without Liberation fonts keeps the layout instead of falling
// back to a serif font. The fonts are not embedded: that would add some
// 400 kB to every chart.
func portableFonts(svg []byte) []byte {
	return bytes.ReplaceAll(svg,
		[]byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// newPlot is a plot in the house style: Liberation Sans, light grid-free
// axes, 8 pt ticks, 9 pt axis labels.
func newPlot(xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the figure paints the background
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize)
		a.Tick.Label.Font = sans(tickSize)
		a.Tick.Length = vg.Points(4)
		a.Padding = vg.Points(2)
		a.LineStyle.Color = zeroColor
		a.Tick.LineStyle.Color = zeroColor
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.X.Label.Padding = vg.Points(2)
	p.Y.Label.Padding = vg.Points(2)
	middleTicks(&p.Y)
	return p
}

// grid draws light horizontal (or vertical) lines at the major ticks.
type grid struct {
	Vertical bool // lines across the X axis' ticks
}

func (g grid) Plot(c draw.Canvas, p *plot.Plot) {
	sty := draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	tx, ty := p.Transforms(&c)
	if g.Vertical {
		for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if t.Label != "" && t.Value >= p.X.Min && t.Value <= p.X.Max {
				c.StrokeLine2(sty, tx(t.Value), c.Min.Y, tx(t.Value), c.Max.Y)
			}
		}
		return
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if t.Label != "" && t.Value >= p.Y.Min && t.Value <= p.Y.Max {
			c.StrokeLine2(sty, c.Min.X, ty(t.Value), c.Max.X, ty(t.Value))
		}
	}
}

// fileStem makes an id safe for a file name: letters, digits, '-' and
// '_' stay, anything else becomes '_'.
func fileStem(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
}
