package plots

import (
	"cmp"
	"image/color"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/regiosim/regiosim/sim"
)

// visible is the smallest amount a chart shows: half a euro, which rounds
// to a euro.
const visible = 0.5

// num writes a number for the data rows: two decimals, a dot, no "-0.00".
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

// at is s[t], or 0 when s is too short.
func at(s sim.Series, t int) float64 {
	if t < len(s) {
		return s[t]
	}
	return 0
}

func anyVisible(s []float64) bool {
	return slices.ContainsFunc(s, func(v float64) bool { return math.Abs(v) >= visible })
}

// yearAxis sets the X axis of a chart per year: a tick per year, half a
// year of room on both sides for bars.
func yearAxis(p *plot.Plot, years []int, bars bool) {
	p.X.Tick.Marker = yearTicks
	first, last := float64(years[0]), float64(years[len(years)-1])
	if bars {
		p.X.Min, p.X.Max = first-0.5, last+0.5
	} else {
		p.X.Min, p.X.Max = first-0.25, last+0.25
	}
}

// euroAxis labels an axis with Labels.Short and keeps zero in its range.
func euroAxis(a *plot.Axis, l Labels) {
	a.Tick.Marker = euroTicks(l)
	a.Min = math.Min(a.Min, 0)
	a.Max = math.Max(a.Max, 0)
	if a.Min == a.Max {
		a.Max = 1
	}
}

// niceBounds widens an axis to the tick just beyond its data when that
// tick is near (within 40% of a step), so that the ends are labelled
// without wasting room.
func niceBounds(a *plot.Axis) {
	step := niceStep((a.Max - a.Min) / 5)
	if step <= 0 {
		return
	}
	if lo := math.Floor(a.Min/step+1e-9) * step; a.Min-lo <= 0.4*step {
		a.Min = lo
	}
	if hi := math.Ceil(a.Max/step-1e-9) * step; hi-a.Max <= 0.4*step {
		a.Max = hi
	}
}

// headroom leaves 4% of the range free above the highest bar.
func headroom(a *plot.Axis) { a.Max += 0.04 * (a.Max - a.Min) }

// fundsEnd is the last year of transformation funds of any initiative
// (0: none).
func fundsEnd(r *sim.Result) int {
	end := 0
	for _, in := range r.Initiatives {
		end = max(end, in.FundsEnd)
	}
	return end
}

var fundsEndStyle = draw.LineStyle{Color: zeroColor, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}

// addFundsEnd draws the dashed line after the last year of the
// transformation funds, with its legend entry.
func addFundsEnd(f *figure, r *sim.Result, l Labels) {
	end := fundsEnd(r)
	if end == 0 || len(r.Years) == 0 || end < r.Years[0] || end > r.Years[len(r.Years)-1] {
		return
	}
	f.plot.Add(&refLine{Vertical: true, At: float64(end) + 0.5, Style: fundsEndStyle})
	f.legend = append(f.legend, legendEntry{Label: l.T("legend.funds_end"), Thumb: lineThumb(fundsEndStyle, nil)})
}

func yearsHeader(rest ...string) []string { return append([]string{"year"}, rest...) }

var barOutline = draw.LineStyle{Color: hatchColor, Width: vg.Points(0.5)}

const barWidth = 0.7 // of a year

// fundingChart: the funding of all initiatives by source per year,
// stacked, the gap on top, and the end of the transformation funds.
func fundingChart(r *sim.Result, l Labels) *figure {
	if len(r.Initiatives) == 0 || len(r.Years) == 0 {
		return nil
	}
	n := len(r.Years)
	type source struct {
		id, label string
		style     series
		amount    []float64
	}
	// The sources in the order of the instruments (sim adds them up), each
	// with the colour of its instrument.
	var sources []*source
	for i, src := range r.Totals.FundingBySource {
		label := src.Instrument
		if i < len(r.Instruments) && r.Instruments[i].ID == src.Instrument && r.Instruments[i].Name != "" {
			label = r.Instruments[i].Name
		}
		amount := make([]float64, n)
		for t := range n {
			amount[t] = at(src.Amount, t)
		}
		sources = append(sources, &source{id: src.Instrument, label: label, style: instrumentStyle(i), amount: amount})
	}
	sources = slices.DeleteFunc(sources, func(s *source) bool { return !anyVisible(s.amount) })
	gap := make([]float64, n)
	for t := range n {
		gap[t] = at(r.Totals.GapByYear, t)
	}
	hasGap := anyVisible(gap)
	if len(sources) == 0 && !hasGap {
		return nil
	}

	f := &figure{name: "funding", title: l.T("chart.funding"), plot: newPlot(l.T("axis.year"), l.T("axis.euros"))}
	p := f.plot
	p.Add(grid{})
	b := &bars{Outline: barOutline}
	base := make([]float64, n)
	stack := func(amount []float64, fill fillStyle) {
		for t, y := range r.Years {
			v := amount[t]
			if v <= 0 {
				continue
			}
			x := float64(y)
			b.Rects = append(b.Rects, rect{X0: x - barWidth/2, X1: x + barWidth/2, Y0: base[t], Y1: base[t] + v, Fill: fill})
			base[t] += v
		}
	}
	for _, s := range sources {
		stack(s.amount, s.style.fill())
	}
	gapFill := fillStyle{Color: gapColor, Hatch: hatchColor, HatchAngle: 1}
	if hasGap {
		stack(gap, gapFill)
	}
	p.Add(b)
	yearAxis(p, r.Years, true)
	euroAxis(&p.Y, l)
	headroom(&p.Y)

	// The legend lists the stack top down.
	if hasGap {
		f.legend = append(f.legend, legendEntry{Label: l.T("legend.gap"), Thumb: fillThumb(gapFill)})
	}
	for k := len(sources) - 1; k >= 0; k-- {
		f.legend = append(f.legend, legendEntry{Label: sources[k].label, Thumb: fillThumb(sources[k].style.fill())})
	}
	addFundsEnd(f, r, l)

	head := []string{}
	for _, s := range sources {
		head = append(head, s.id)
	}
	head = append(head, "gap")
	end := fundsEnd(r)
	if end > 0 {
		head = append(head, "funds_end")
	}
	f.data = [][]string{yearsHeader(head...)}
	for t, y := range r.Years {
		row := []string{strconv.Itoa(y)}
		for _, s := range sources {
			row = append(row, num(s.amount[t]))
		}
		row = append(row, num(gap[t]))
		if end > 0 {
			row = append(row, strconv.Itoa(end))
		}
		f.data = append(f.data, row)
	}
	return f
}

// partyName is a party's name, or its id when it has none.
func partyName(p *sim.PartyResult) string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID
}

// netChart: each party's net position per year, one line each, in small
// multiples: a panel per kind of party (municipalities, insurers, the care
// office, …), each with its own scale. One scale for all let the two
// largest parties flatten everyone else onto the zero line. A panel per
// kind was chosen over a second panel without the two largest because
// parties of one kind play one role and are what readers compare (one
// municipality against the others), because the panels stay the same
// whichever parties happen to be largest, and because a panel without
// the two largest is still dominated by the third. Where one kind's
// parties differ more than splitRatio times in size (a central
// municipality among small ones), its larger and its smaller parties get
// a panel each, side by side, so that the small ones are not flattened
// within their own kind either. Parties whose net is zero in every year
// are left out (their lines would lie hidden on the zero line).
func netChart(r *sim.Result, l Labels) *figure {
	if len(r.Years) == 0 {
		return nil
	}
	var kinds []string
	byKind := map[string][]int{}
	for i := range r.Parties {
		if !anyVisible(r.Parties[i].Net) || !finite(r.Parties[i].Net) {
			continue
		}
		k := partyKind(&r.Parties[i])
		if _, ok := byKind[k]; !ok {
			kinds = append(kinds, k)
		}
		byKind[k] = append(byKind[k], i)
	}
	if len(kinds) == 0 {
		return nil
	}
	type group struct {
		kind, heading string
		parties       []int
	}
	var groups []group
	for _, k := range kinds {
		label := kindLabel(l, k, len(byKind[k]))
		large, small := splitBySize(r, byKind[k])
		if len(small) == 0 {
			groups = append(groups, group{k, label, large})
			continue
		}
		groups = append(groups, group{k, sayf(l, "panel.largest", label), large}, group{k, sayf(l, "panel.smaller", label), small})
	}

	f := &figure{name: "net_position", title: l.T("chart.net"), note: l.T("axis.euros")}
	cols := panelCols(len(groups))
	lastRow := (len(groups) - 1) / cols
	head := []string{"kind", "party"}
	for _, y := range r.Years {
		head = append(head, strconv.Itoa(y))
	}
	f.data = [][]string{head}
	for n, g := range groups {
		xLabel := ""
		if n/cols == lastRow {
			xLabel = l.T("axis.year")
		}
		pn := &panel{heading: g.heading, plot: newPlot(xLabel, ""), parties: g.parties}
		p := pn.plot
		p.Add(grid{}, &refLine{At: 0, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}})
		for _, i := range g.parties {
			pr := &r.Parties[i]
			xys := make(plotter.XYs, len(r.Years))
			row := []string{g.kind, pr.ID}
			for t, y := range r.Years {
				xys[t] = plotter.XY{X: float64(y), Y: at(pr.Net, t)}
				row = append(row, num(at(pr.Net, t)))
			}
			addLine(p, &pn.legend, xys, partyStyle(i), partyName(pr))
			f.data = append(f.data, row)
		}
		yearAxis(p, r.Years, false)
		if cols > 1 {
			p.X.Tick.Marker = yearTicksFor(6)
		}
		euroAxis(&p.Y, l)
		niceBounds(&p.Y)
		f.panels = append(f.panels, pn)
	}
	return f
}

// partyKind is p's kind, "other" when it has none.
func partyKind(p *sim.PartyResult) string {
	if p.Kind == "" {
		return "other"
	}
	return p.Kind
}

// splitRatio is how many times larger a party of a kind may be than the
// next smaller one before the kind is split into two panels: a line of a
// tenth of its panel's height can still be read.
const splitRatio = 10

// splitBySize splits parties (of one kind) at the largest step in size
// (the largest yearly |net|) when that step exceeds splitRatio: the
// larger parties and the smaller ones, each in the order given. small is
// empty when no step is that large.
func splitBySize(r *sim.Result, parties []int) (large, small []int) {
	size := func(i int) float64 {
		m := 0.0
		for _, v := range r.Parties[i].Net {
			m = math.Max(m, math.Abs(v))
		}
		return m
	}
	sorted := slices.Clone(parties)
	slices.SortStableFunc(sorted, func(a, b int) int { return cmp.Compare(size(b), size(a)) })
	cut, best := 0, float64(splitRatio)
	for k := 0; k+1 < len(sorted); k++ {
		if ratio := size(sorted[k]) / size(sorted[k+1]); ratio > best {
			cut, best = k+1, ratio
		}
	}
	if cut == 0 {
		return parties, nil
	}
	big := map[int]bool{}
	for _, i := range sorted[:cut] {
		big[i] = true
	}
	for _, i := range parties {
		if big[i] {
			large = append(large, i)
		} else {
			small = append(small, i)
		}
	}
	return large, small
}

// finite: no NaN or Inf in s (such a series cannot be drawn).
func finite(s sim.Series) bool {
	return !slices.ContainsFunc(s, func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) })
}

// addLine draws one series as a line with points in its style, with a
// legend entry; false when the points cannot be drawn (NaN or Inf).
func (f *figure) addLine(xys plotter.XYs, st series, label string) bool {
	return addLine(f.plot, &f.legend, xys, st, label)
}

func addLine(p *plot.Plot, legend *[]legendEntry, xys plotter.XYs, st series, label string) bool {
	line, points, err := plotter.NewLinePoints(xys)
	if err != nil {
		return false
	}
	line.LineStyle = st.line(vg.Points(1.5))
	points.GlyphStyle = draw.GlyphStyle{Color: st.Color, Radius: vg.Points(2), Shape: st.Glyph}
	p.Add(line, points)
	glyph := points.GlyphStyle
	*legend = append(*legend, legendEntry{Label: label, Thumb: lineThumb(line.LineStyle, &glyph)})
	return true
}

// cumulativeChart: each party's net over the horizon at present value,
// as horizontal bars from most positive (top) to most negative.
func cumulativeChart(r *sim.Result, l Labels) *figure {
	if len(r.Parties) == 0 {
		return nil
	}
	order := make([]int, len(r.Parties))
	vals := make([]float64, len(r.Parties))
	for i := range r.Parties {
		order[i] = i
		vals[i] = r.Parties[i].PV.Net
	}
	if !anyVisible(vals) {
		return nil
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(vals[b], vals[a]) })

	f := &figure{name: "cumulative_net", title: l.T("chart.cumulative"), plot: newPlot(l.T("axis.euros_pv"), ""), rows: len(order)}
	p := f.plot
	p.Add(grid{Vertical: true}, &refLine{Vertical: true, At: 0, Style: draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}})
	n := len(order)
	b := &bars{}
	lab := &labels{Pad: true}
	ticks := make([]plot.Tick, n)
	sty := middle(textStyle(smallSize), 0)
	for k, i := range order {
		y := float64(n - 1 - k)
		v := vals[i]
		b.Rects = append(b.Rects, rect{X0: 0, X1: v, Y0: y - 0.34, Y1: y + 0.34, Fill: partyStyle(i).fill()})
		ls := sty
		off := vg.Points(4)
		if v < 0 {
			ls.XAlign = draw.XRight
			off = -off
		}
		lab.Labels = append(lab.Labels, label{X: v, Y: y, Text: money(l, v), Style: ls, Offset: vg.Point{X: off}})
		ticks[n-1-k] = plot.Tick{Value: y, Label: partyName(&r.Parties[i])}
	}
	p.Add(b, lab)
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Padding = 0
	euroAxis(&p.X, l)

	f.data = [][]string{{"party", "name", "net_pv"}}
	for _, i := range order {
		f.data = append(f.data, []string{r.Parties[i].ID, r.Parties[i].Name, num(vals[i])})
	}
	return f
}

// profiles are the phase-out profiles in the order they are shown.
var profiles = []string{"annuity", "linear", "cliff"}

// phaseOutChart: the legacy level of phase-out k under each profile, the
// chosen one thicker, with the baseline dashed.
func phaseOutChart(r *sim.Result, k int, l Labels) *figure {
	po := &r.PhaseOuts[k]
	if len(r.Years) == 0 {
		return nil
	}
	keys := slices.Clone(profiles)
	var other []string
	for key := range po.Paths {
		if !slices.Contains(profiles, key) {
			other = append(other, key)
		}
	}
	slices.Sort(other)
	keys = append(keys, other...)
	keys = slices.DeleteFunc(keys, func(key string) bool { _, ok := po.Paths[key]; return !ok })
	if len(keys) == 0 && len(po.Baseline) == 0 {
		return nil
	}

	f := &figure{name: "phase_out_" + fileStem(po.ID), title: phaseOutTitle(l, instrumentName(r, po.ID)), plot: newPlot(l.T("axis.year"), l.T("axis.euros"))}
	p := f.plot
	p.Add(grid{})
	line := func(s sim.Series, sty draw.LineStyle, glyph *draw.GlyphStyle) {
		xys := make(plotter.XYs, len(r.Years))
		for t, y := range r.Years {
			xys[t] = plotter.XY{X: float64(y), Y: at(s, t)}
		}
		ln, err := plotter.NewLine(xys)
		if err != nil {
			return
		}
		ln.LineStyle = sty
		p.Add(ln)
		if glyph != nil {
			if pts, err := plotter.NewScatter(xys); err == nil {
				pts.GlyphStyle = *glyph
				p.Add(pts)
			}
		}
	}
	styles := map[string]draw.LineStyle{}
	glyphsOf := map[string]*draw.GlyphStyle{}
	for _, key := range keys {
		c, ok := profileColors[key]
		if !ok {
			c = otherProfileColor
		}
		w, rad := vg.Points(1.5), vg.Points(2)
		if key == po.Profile {
			w, rad = vg.Points(3.5), vg.Points(3)
		}
		styles[key] = draw.LineStyle{Color: c, Width: w}
		glyphsOf[key] = &draw.GlyphStyle{Color: c, Radius: rad, Shape: draw.CircleGlyph{}}
	}
	// The chosen profile first, so the others stay visible where they
	// run together; the baseline last, on top.
	for _, key := range keys {
		if key == po.Profile {
			line(po.Paths[key], styles[key], glyphsOf[key])
		}
	}
	for _, key := range keys {
		if key != po.Profile {
			line(po.Paths[key], styles[key], glyphsOf[key])
		}
	}
	baseSty := draw.LineStyle{Color: zeroColor, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	if len(po.Baseline) > 0 {
		line(po.Baseline, baseSty, nil)
		f.legend = append(f.legend, legendEntry{Label: l.T("legend.baseline"), Thumb: lineThumb(baseSty, nil)})
	}
	for _, key := range keys {
		label := l.T("profile." + key)
		if label == "profile."+key {
			label = key
		}
		f.legend = append(f.legend, legendEntry{Label: label, Thumb: lineThumb(styles[key], glyphsOf[key])})
	}
	yearAxis(p, r.Years, false)
	euroAxis(&p.Y, l)

	head := []string{"baseline"}
	head = append(head, keys...)
	f.data = [][]string{yearsHeader(append(head, "chosen")...)}
	for t, y := range r.Years {
		row := []string{strconv.Itoa(y), num(at(po.Baseline, t))}
		for _, key := range keys {
			row = append(row, num(at(po.Paths[key], t)))
		}
		f.data = append(f.data, append(row, po.Profile))
	}
	return f
}

// wrongPocketChart: the wrong-pocket matrix as a heat map, rows and
// columns that are zero throughout left out, each cell with its value.
func wrongPocketChart(r *sim.Result, l Labels) *figure {
	return wrongPocketFigure(r.WrongPocket, partyNames(r), func(_, _ int, v float64) string { return money(l, v) }, l)
}

// wrongPocketFigure draws a wrong-pocket matrix as a heat map, each cell
// written by text, the parties named by n.
func wrongPocketFigure(wp sim.WrongPocket, n names, text func(b, s int, v float64) string, l Labels) *figure {
	value := func(b, s int) float64 {
		if b < len(wp.Values) && s < len(wp.Values[b]) {
			return wp.Values[b][s]
		}
		return 0
	}
	var rows, cols []int
	for b := range wp.Bearers {
		if rowVisible(wp, b) {
			rows = append(rows, b)
		}
	}
	for s := range wp.Savers {
		for b := range wp.Bearers {
			if math.Abs(value(b, s)) >= visible {
				cols = append(cols, s)
				break
			}
		}
	}
	if len(rows) == 0 || len(cols) == 0 {
		return nil
	}
	// "none" as a row is savings beyond the cost, as a column cost that
	// saves nobody anything.
	name := func(id string, saver bool) string {
		switch {
		case id == "outside":
			return l.T("outside")
		case id == "none" && saver:
			return l.T("wp.none_saver")
		case id == "none":
			return l.T("wp.none_bearer")
		}
		return n.of(id)
	}
	top := 0.0
	for _, b := range rows {
		for _, s := range cols {
			top = math.Max(top, value(b, s))
		}
	}

	f := &figure{name: "wrong_pocket", title: l.T("chart.wrong_pocket"), plot: newPlot(l.T("axis.saves"), l.T("axis.bears")),
		maxCell: vg.Point{X: 80, Y: 26}, rows: int(1.4 * float64(len(rows)))}
	p := f.plot
	g := &cells{Gap: vg.Points(1.5)}
	lab := &labels{Fit: 1, MinSize: cellMinSize}
	sty := middle(textStyle(smallSize), 0)
	sty.XAlign = draw.XCenter
	nr := len(rows)
	for k, b := range rows {
		row := make([]color.Color, len(cols))
		for j, s := range cols {
			v := value(b, s)
			// The square root spreads the many small amounts over more
			// of the scale; the written values carry the numbers.
			c := sequentialColor(0)
			if top > 0 && v > 0 {
				c = sequentialColor(math.Sqrt(v / top))
			}
			row[j] = c
			ts := sty
			ts.Color = textOn(c)
			lab.Labels = append(lab.Labels, label{X: float64(j), Y: float64(nr - 1 - k), Text: text(b, s, v), Style: ts})
		}
		g.Colors = append(g.Colors, row)
	}
	p.Add(g, lab)

	xt := make([]plot.Tick, len(cols))
	widest := vg.Length(0)
	for j, s := range cols {
		xt[j] = plot.Tick{Value: float64(j), Label: name(wp.Savers[s], true)}
		widest = max(widest, p.X.Tick.Label.Width(xt[j].Label))
	}
	yt := make([]plot.Tick, nr)
	ywidest := vg.Length(0)
	for k, b := range rows {
		yt[k] = plot.Tick{Value: float64(nr - 1 - k), Label: name(wp.Bearers[b], false)}
		ywidest = max(ywidest, p.Y.Tick.Label.Width(yt[k].Label))
	}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Length = 0
		a.LineStyle.Width = 0
		a.Padding = 0
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	// Column names that would not fit under their cells are turned.
	cell := (Width - 2*margin - ywidest - 20) / vg.Length(len(cols))
	switch {
	case cell < 2.5*tickSize: // narrow: upright
		p.X.Tick.Label.Rotation = math.Pi / 2
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	case widest > cell-4: // slanted
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YTop
	}

	head := []string{"bearer"}
	for _, s := range cols {
		head = append(head, wp.Savers[s])
	}
	f.data = [][]string{head}
	for _, b := range rows {
		row := []string{wp.Bearers[b]}
		for _, s := range cols {
			row = append(row, num(value(b, s)))
		}
		f.data = append(f.data, row)
	}
	return f
}

func rowVisible(wp sim.WrongPocket, b int) bool {
	return b < len(wp.Values) && anyVisible(wp.Values[b])
}

// coverageChart: each initiative's coverage (funded share of its need)
// per year as a heat-map strip: a row per initiative, a column per year,
// each cell coloured by its coverage and written with it. A strip was
// chosen over small multiples of lines: rows keep initiatives apart
// however many there are (lines at 100 % lay on top of each other), every
// year's figure can be read off, and a column of cells compares the
// initiatives in one year, where small multiples of four or more
// initiatives would each be too small to read.
//
// A year in which an initiative does not run (before its start, after its
// end) is left empty: sim writes coverage 1 there ("nothing needed"),
// which drew points at 100 % before an initiative had started. The result
// has no start years, but the need is zero exactly in those years (the
// first year of a ramp-up already needs a share of the cost); an
// initiative that needs nothing in any year has no row.
func coverageChart(r *sim.Result, l Labels) *figure {
	if len(r.Initiatives) == 0 || len(r.Years) == 0 {
		return nil
	}
	var rows []int
	for k := range r.Initiatives {
		for t := range r.Years {
			if running(&r.Initiatives[k], t) {
				rows = append(rows, k)
				break
			}
		}
	}
	if len(rows) == 0 {
		return nil
	}
	pn := &panel{plot: newPlot(l.T("axis.year"), ""), maxCell: vg.Point{X: 60, Y: 22}}
	f := &figure{name: "coverage", title: l.T("chart.coverage"), panels: []*panel{pn}}
	p := pn.plot
	g := &cells{Gap: vg.Points(1.5)}
	lab := &labels{Fit: 1, MinSize: cellMinSize}
	sty := middle(textStyle(smallSize), 0)
	sty.XAlign = draw.XCenter
	n := len(rows)
	yt := make([]plot.Tick, n)
	for j, k := range rows {
		in := &r.Initiatives[k]
		row := make([]color.Color, len(r.Years))
		for t := range r.Years {
			if !running(in, t) {
				continue // no cell
			}
			cov := at(in.Coverage, t)
			c := coverageColor(cov, at(in.Gap, t))
			row[t] = c
			ts := sty
			ts.Color = textOn(c)
			lab.Labels = append(lab.Labels, label{X: float64(t), Y: float64(n - 1 - j), Text: coverageText(cov, at(in.Gap, t)), Style: ts})
		}
		g.Colors = append(g.Colors, row)
		label := in.Name
		if label == "" {
			label = in.ID
		}
		yt[j] = plot.Tick{Value: float64(n - 1 - j), Label: label}
	}
	p.Add(g, lab)
	// Every year is labelled when the cells are wide enough for it.
	widest := vg.Length(0)
	for _, tk := range yt {
		widest = max(widest, p.Y.Tick.Label.Width(tk.Label))
	}
	cell := min(pn.maxCell.X, (Width-2*margin-widest-8)/vg.Length(len(r.Years)))
	most := max(1, int(float64(cell)*float64(len(r.Years))/float64(p.X.Tick.Label.Width("2026")+6)))
	first := r.Years[0]
	var xt []plot.Tick
	for _, tk := range yearTicksFor(most).Ticks(float64(first), float64(r.Years[len(r.Years)-1])) {
		tk.Value -= float64(first)
		xt = append(xt, tk)
	}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Length = 0
		a.LineStyle.Width = 0
		a.Padding = 0
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.Y.Tick.Label.XAlign = draw.XRight

	pn.legend = append(pn.legend, legendEntry{Label: "100% (" + say(l, "legend.full") + ")", Thumb: fillThumb(fillStyle{Color: fullColor})})
	for _, v := range []float64{0.9, 0.5, 0} {
		pn.legend = append(pn.legend, legendEntry{Label: strconv.Itoa(int(100*v)) + "%", Thumb: fillThumb(fillStyle{Color: coverageColor(v, 1)})})
	}
	pn.legend = append(pn.legend, legendEntry{Label: say(l, "legend.not_running"), Thumb: outlineThumb})

	head := []string{}
	for _, k := range rows {
		head = append(head, r.Initiatives[k].ID)
	}
	f.data = [][]string{yearsHeader(head...)}
	for t, y := range r.Years {
		row := []string{strconv.Itoa(y)}
		for _, k := range rows {
			v := ""
			if running(&r.Initiatives[k], t) {
				v = num(100 * at(r.Initiatives[k].Coverage, t))
			}
			row = append(row, v)
		}
		f.data = append(f.data, row)
	}
	return f
}

// running: initiative in needs money in year t (it has started and not
// ended).
func running(in *sim.InitiativeResult, t int) bool { return at(in.Need, t) > 0 }

// fullColor is the colour of a fully funded year: Paul Tol's pale cyan
// (his "pale" scheme), apart from the yellow-to-brown scale of the gaps.
var fullColor = hex("#CCEEFF")

// coverageColor is the colour of a year with coverage cov and a gap of
// gap euros: fullColor without a gap, else the sequential scale from
// light (a small gap) to dark (nothing funded); the square root spreads
// the small gaps, which are the common ones.
func coverageColor(cov, gap float64) color.Color {
	if gap < visible {
		return fullColor
	}
	return sequentialColor(0.2 + 0.8*math.Sqrt(math.Min(1, math.Max(0, 1-cov))))
}

// coverageText writes a coverage in whole percents, rounded down so that
// a year with a gap never shows "100%".
func coverageText(cov, gap float64) string {
	if gap < visible {
		return "100%"
	}
	return strconv.Itoa(min(99, max(0, int(math.Floor(100*cov+1e-9))))) + "%"
}

// gapChart: each initiative's gap per year, stacked, with the end of the
// transformation funds; absent when no initiative has a gap.
func gapChart(r *sim.Result, l Labels) *figure {
	if len(r.Years) == 0 {
		return nil
	}
	var drawn []int
	for k := range r.Initiatives {
		if anyVisible(r.Initiatives[k].Gap) {
			drawn = append(drawn, k)
		}
	}
	if len(drawn) == 0 {
		return nil
	}
	f := &figure{name: "gap", title: l.T("chart.gap"), plot: newPlot(l.T("axis.year"), l.T("axis.euros"))}
	p := f.plot
	p.Add(grid{})
	b := &bars{Outline: barOutline}
	base := make([]float64, len(r.Years))
	for _, k := range drawn {
		fill := initiativeStyle(k).fill()
		for t, y := range r.Years {
			v := at(r.Initiatives[k].Gap, t)
			if v <= 0 {
				continue
			}
			x := float64(y)
			b.Rects = append(b.Rects, rect{X0: x - barWidth/2, X1: x + barWidth/2, Y0: base[t], Y1: base[t] + v, Fill: fill})
			base[t] += v
		}
	}
	p.Add(b)
	yearAxis(p, r.Years, true)
	euroAxis(&p.Y, l)
	headroom(&p.Y)
	for j := len(drawn) - 1; j >= 0; j-- {
		in := &r.Initiatives[drawn[j]]
		label := in.Name
		if label == "" {
			label = in.ID
		}
		f.legend = append(f.legend, legendEntry{Label: label, Thumb: fillThumb(initiativeStyle(drawn[j]).fill())})
	}
	addFundsEnd(f, r, l)

	head := []string{}
	for _, k := range drawn {
		head = append(head, r.Initiatives[k].ID)
	}
	f.data = [][]string{yearsHeader(head...)}
	for t, y := range r.Years {
		row := []string{strconv.Itoa(y)}
		for _, k := range drawn {
			row = append(row, num(at(r.Initiatives[k].Gap, t)))
		}
		f.data = append(f.data, row)
	}
	return f
}

// walletFillCharts: for each wallet, who fills it per year — each party's
// contributions stacked, and what other instruments (a phase-out's
// conversions, interest) put in on top.
func walletFillCharts(r *sim.Result, l Labels) []*figure {
	var out []*figure
	for _, in := range r.Instruments {
		if in.Type != "wallet" {
			continue
		}
		n := len(r.Years)
		type part struct {
			id     string
			style  series
			amount []float64
		}
		var parts []part
		rest := make([]float64, n)
		copy(rest, in.In)
		for _, c := range r.Contributions {
			if c.Instrument != in.ID || c.PaidTotal == 0 {
				continue
			}
			pi := r.PartyIndex(c.Party)
			amt := make([]float64, n)
			for t := range n {
				amt[t] = at(c.Paid, t)
				rest[t] -= amt[t]
			}
			parts = append(parts, part{c.Party, partyStyle(pi), amt})
		}
		if len(parts) == 0 {
			continue
		}
		label := in.Name
		if label == "" {
			label = in.ID
		}
		f := &figure{name: "wallet_fill_" + fileStem(in.ID), title: l.Tf("chart.wallet_fill", label), plot: newPlot(l.T("axis.year"), l.T("axis.euros"))}
		p := f.plot
		p.Add(grid{})
		b := &bars{Outline: barOutline}
		base := make([]float64, n)
		stack := func(amount []float64, fill fillStyle) {
			for t, y := range r.Years {
				if v := amount[t]; v > 0 {
					x := float64(y)
					b.Rects = append(b.Rects, rect{X0: x - barWidth/2, X1: x + barWidth/2, Y0: base[t], Y1: base[t] + v, Fill: fill})
					base[t] += v
				}
			}
		}
		head := []string{"year"}
		for _, pt := range parts {
			stack(pt.amount, pt.style.fill())
			f.legend = append(f.legend, legendEntry{Label: partyNames(r).of(pt.id), Thumb: fillThumb(pt.style.fill())})
			head = append(head, pt.id)
		}
		for t := range rest {
			if rest[t] < visible {
				rest[t] = 0
			}
		}
		if anyVisible(rest) {
			other := fillStyle{Color: gapColor, Hatch: hatchColor, HatchAngle: 1}
			stack(rest, other)
			f.legend = append(f.legend, legendEntry{Label: l.T("legend.other_in"), Thumb: fillThumb(other)})
			head = append(head, "other")
		}
		p.Add(b)
		yearAxis(p, r.Years, true)
		euroAxis(&p.Y, l)
		p.Y.Min = 0
		headroom(&p.Y)
		f.data = [][]string{head}
		for t, y := range r.Years {
			row := []string{strconv.Itoa(y)}
			for _, pt := range parts {
				row = append(row, num(pt.amount[t]))
			}
			if anyVisible(rest) {
				row = append(row, num(rest[t]))
			}
			f.data = append(f.data, row)
		}
		out = append(out, f)
	}
	return out
}
