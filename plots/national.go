package plots

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The charts of a national batch: a value per region (of the 31
// zorgkantoor regions, or any regions with shapes) as a choropleth map, as
// sorted bars, and per option as small multiples of bars. A value is
// euros ("euro", written as Labels.Short writes them), a number of things
// ("count", whole numbers) or a share ("share", 0.25 is 25%). A value that
// is not a finite number is no data.

// Units of the values of the national charts.
const (
	UnitEuro  = "euro"
	UnitCount = "count"
	UnitShare = "share"
)

// nationalWords are the texts of the national charts in English and
// Dutch, for a Labels that does not know them (report/labels_maps.go has
// them for the report).
var nationalWords = map[string][2]string{
	"map.no_data": {"no data", "geen gegevens"},
}

// sayNational is the text for key: Labels.T's when it knows the key, else
// the one of nationalWords in l's language.
func sayNational(l Labels, key string) string {
	if s := l.T(key); s != key {
		return s
	}
	if w, ok := nationalWords[key]; ok {
		if langOf(l) == "nl" {
			return w[1]
		}
		return w[0]
	}
	return say(l, key)
}

func checkUnit(unit string) error {
	switch unit {
	case UnitEuro, UnitCount, UnitShare:
		return nil
	}
	return fmt.Errorf("plots: unit %q, want %q, %q or %q", unit, UnitEuro, UnitCount, UnitShare)
}

func isNumber(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// plainNumber writes x with the given decimals and the language's
// separators, without "-0".
func plainNumber(x float64, decimals int, lang string) string {
	s := groupDigits(strconv.FormatFloat(math.Abs(x), 'f', decimals, 64), lang)
	if strings.Trim(s, "0.,") == "" {
		return "0"
	}
	if x < 0 {
		return "-" + s
	}
	return s
}

// percentDecimals is how many decimals a share v is written with: none
// from 10% on, else one (two significant digits).
func percentDecimals(v float64) int {
	if math.Abs(v) >= 0.0995 {
		return 0
	}
	return 1
}

// percentNumber writes share v as a percentage without the sign:
// "12", "1.5" ("1,5" in Dutch), "0" for nothing.
func percentNumber(v float64, decimals int, lang string) string {
	s := plainNumber(100*v, decimals, lang)
	return strings.TrimSuffix(strings.TrimSuffix(s, ".0"), ",0")
}

// valueText writes one value in its unit: "€1.2M", "1,234", "12%".
func valueText(l Labels, unit string, v float64) string {
	switch unit {
	case UnitCount:
		return plainNumber(math.Round(v), 0, langOf(l))
	case UnitShare:
		return percentNumber(v, percentDecimals(v), langOf(l)) + "%"
	}
	return money(l, v)
}

// rangeText writes a range of values in their unit, the unit once:
// "€0.9–1.5M", "12–25", "12–25%"; one value when both ends are written
// alike.
func rangeText(l Labels, unit string, lo, hi float64) string {
	a, b := valueText(l, unit, lo), valueText(l, unit, hi)
	if a == b {
		return a
	}
	switch unit {
	case UnitEuro:
		return moneyRange(l, lo, hi)
	case UnitShare:
		return strings.TrimSuffix(a, "%") + "–" + b
	}
	return a + "–" + b
}

// scaleTicks are the ticks of an axis of the unit from lo to hi, a step
// apart, all labelled in one unit and with one number of decimals.
func scaleTicks(l Labels, unit string, lo, hi, step float64) []plot.Tick {
	var values []float64
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0 // no "-0"
		}
		values = append(values, v)
	}
	lang := langOf(l)
	var format func(float64) string
	switch unit {
	case UnitCount:
		format = func(v float64) string { return plainNumber(v, 0, lang) }
	case UnitShare:
		d := 0
		if step*100 < 1-1e-9 || math.Abs(step*100-math.Round(step*100)) > 1e-6 {
			d = 1
		}
		format = func(v float64) string { return percentNumber(v, d, lang) + "%" }
	default:
		format = euroFormat(lang, values)
	}
	ticks := make([]plot.Tick, len(values))
	for i, v := range values {
		ticks[i] = plot.Tick{Value: v, Label: format(v)}
	}
	return ticks
}

// scaleStep is a 1-2-5 step that divides lo..hi into about n parts; a
// whole number at least for counts.
func scaleStep(unit string, lo, hi float64, n int) float64 {
	step := niceStep((hi - lo) / float64(max(1, n)))
	if step == 0 {
		step = 1
		if unit == UnitShare {
			step = 0.1
		}
	}
	if unit == UnitCount {
		step = math.Max(1, math.Round(step))
	}
	return step
}

// roundSignificant rounds v to two significant digits (to a whole number
// at least, for counts), so that a class break is written exactly.
func roundSignificant(v float64, unit string) float64 {
	if v == 0 || !isNumber(v) {
		return v
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-1)
	r := math.Round(v/p) * p
	if unit == UnitCount {
		r = math.Round(r)
	}
	return r
}

// classes are the classes of a choropleth: lo ≤ breaks[0] < … ≤ hi; a
// value belongs to class k when k breaks are at or below it.
type classes struct {
	lo, hi float64
	breaks []float64
}

// maxClasses is the number of classes of a map.
const maxClasses = 5

// classify puts values into at most n classes of about equal numbers of
// values (quantiles), their breaks rounded to two significant digits so
// that the legend writes them exactly; classes that the rounding leaves
// empty are merged into their neighbour. Values that are not numbers are
// left out.
func classify(values []float64, n int, unit string) classes {
	xs := slices.DeleteFunc(slices.Clone(values), func(v float64) bool { return !isNumber(v) })
	slices.Sort(xs)
	if len(xs) == 0 {
		return classes{}
	}
	c := classes{lo: xs[0], hi: xs[len(xs)-1]}
	for k := 1; k < n; k++ {
		// The quantile at k/n, between values (R's type 7).
		h := float64(len(xs)-1) * float64(k) / float64(n)
		i := int(math.Floor(h))
		q := xs[i]
		if i+1 < len(xs) {
			q += (h - float64(i)) * (xs[i+1] - xs[i])
		}
		b := roundSignificant(q, unit)
		if b > c.lo && b <= c.hi && (len(c.breaks) == 0 || b > c.breaks[len(c.breaks)-1]) {
			c.breaks = append(c.breaks, b)
		}
	}
	for {
		count := make([]int, len(c.breaks)+1)
		for _, v := range xs {
			count[c.of(v)]++
		}
		empty := slices.Index(count, 0)
		if empty < 0 {
			return c
		}
		// Drop the break below an empty class (above it for the first).
		c.breaks = slices.Delete(c.breaks, max(0, empty-1), max(1, empty))
	}
}

// n is the number of classes.
func (c classes) n() int { return len(c.breaks) + 1 }

// of is the class of v.
func (c classes) of(v float64) int {
	k := 0
	for _, b := range c.breaks {
		if v >= b {
			k++
		}
	}
	return k
}

// bounds are the lowest and highest value of class k as the legend writes
// them: the data's ends for the first and last class.
func (c classes) bounds(k int) (lo, hi float64) {
	lo, hi = c.lo, c.hi
	if k > 0 {
		lo = c.breaks[k-1]
	}
	if k < len(c.breaks) {
		hi = c.breaks[k]
	}
	return lo, hi
}

// classShades are the colours of five classes: the sequential palette's
// light yellow to dark brown, skipping its first, near-white colour and
// some neighbours that are too alike.
var classShades = []int{1, 2, 4, 6, 8}

// classColor is the colour of class k of n: the lightest for the first,
// the darkest for the last, the others spread between.
func classColor(k, n int) color.Color {
	if n <= 1 {
		return sequential[classShades[len(classShades)/2]]
	}
	i := int(math.Round(float64(k) * float64(len(classShades)-1) / float64(n-1)))
	return sequential[classShades[min(max(i, 0), len(classShades)-1)]]
}

// noDataColor is the fill of a region without a value: Paul Tol's pale
// grey (his "pale" scheme), away from the yellows of the palette.
var noDataColor = hex("#DDDDDD")

// latitudeScale is how much shorter a degree of longitude is than one of
// latitude in the middle of the Netherlands (52.2° N): the equirectangular
// projection with this factor keeps the country's proportions.
var latitudeScale = math.Cos(52.2 * math.Pi / 180)

// choropleth draws filled regions, the map keeping its proportions in the
// data area, and its legend to the right of the map.
type choropleth struct {
	regions [][][][][2]float64 // per region, polygons of rings of projected points
	fills   []color.Color
	legend  []legendEntry
	// minX … maxY bound the projected points.
	minX, maxX, minY, maxY float64
}

var borderStyle = draw.LineStyle{Color: color.White, Width: vg.Points(0.6)}

// layout is where the map goes in c: the scale (points per projected
// unit) and the map's bottom left corner, and the legend's entries and
// top left corner.
func (m *choropleth) layout(c draw.Canvas) (scale vg.Length, at vg.Point, entries []placed, legendAt vg.Point) {
	entries, lw, _ := layoutLegend(m.legend, legendStyle, c.Max.Y-c.Min.Y)
	w := c.Max.X - c.Min.X - lw - legendMargin
	h := c.Max.Y - c.Min.Y
	dx, dy := m.maxX-m.minX, m.maxY-m.minY
	scale = vg.Length(math.Min(float64(w)/dx, float64(h)/dy))
	mapW, mapH := scale*vg.Length(dx), scale*vg.Length(dy)
	at = vg.Point{X: c.Min.X, Y: c.Max.Y - mapH}
	legendAt = vg.Point{X: c.Min.X + mapW + legendMargin, Y: c.Max.Y}
	return scale, at, entries, legendAt
}

func (m *choropleth) Plot(c draw.Canvas, _ *plot.Plot) {
	scale, at, entries, legendAt := m.layout(c)
	path := func(poly [][][2]float64) vg.Path {
		var p vg.Path
		for _, ring := range poly {
			for k, pt := range ring {
				q := vg.Point{X: at.X + scale*vg.Length(pt[0]-m.minX), Y: at.Y + scale*vg.Length(pt[1]-m.minY)}
				if k == 0 {
					p.Move(q)
				} else {
					p.Line(q)
				}
			}
			p.Close()
		}
		return p
	}
	// One filled path per region (its polygons and holes together), then
	// the borders over all fills.
	for i, polys := range m.regions {
		var p vg.Path
		for _, poly := range polys {
			p = append(p, path(poly)...)
		}
		c.SetColor(m.fills[i])
		c.Fill(p)
	}
	c.SetLineStyle(borderStyle)
	for _, polys := range m.regions {
		for _, poly := range polys {
			c.Stroke(path(poly))
		}
	}
	drawLegend(c, entries, legendStyle, legendAt)
}

// project maps a shape's points onto the plane of the map (longitude
// shortened by latitudeScale), the outer ring of each polygon turning
// counter-clockwise and its holes clockwise, so that the holes stay
// empty under the non-zero fill rule whichever way the file winds them.
func project(polys [][][][2]float64) [][][][2]float64 {
	out := make([][][][2]float64, len(polys))
	for i, poly := range polys {
		out[i] = make([][][2]float64, len(poly))
		for k, ring := range poly {
			r := make([][2]float64, len(ring))
			area := 0.0
			for n, pt := range ring {
				r[n] = [2]float64{pt[0] * latitudeScale, pt[1]}
				if n > 0 {
					area += r[n-1][0]*r[n][1] - r[n][0]*r[n-1][1]
				}
			}
			if (k == 0) != (area > 0) {
				slices.Reverse(r)
			}
			out[i][k] = r
		}
	}
	return out
}

// mapMaxHeight is the height of a map figure at most: some two thirds
// of the width that the country, taller than wide, would take.
const mapMaxHeight = 14 * vg.Centimeter

// mapHeight is the height of a map figure: as tall as the map needs to
// take the width that its legend leaves, from Height to mapMaxHeight.
func (m *choropleth) mapHeight(f *figure) vg.Length {
	_, lw, lh := layoutLegend(m.legend, legendStyle, math.MaxFloat64)
	w := Width - 2*margin
	mapW := w - lw - legendMargin
	mapH := mapW * vg.Length((m.maxY-m.minY)/(m.maxX-m.minX))
	return min(max(Height, max(mapH, lh)+2*margin+f.titleHeight(w)), mapMaxHeight)
}

// RegionMap draws values (by region code) on a map of shapes: each
// region filled with the colour of its class of value, five classes of
// about equal numbers of regions (fewer when the values are few or
// alike), from light yellow for the least to dark brown for the most, a
// region without a value in light grey ("no data" in the legend). The
// legend writes each class's range in unit ("euro", "count" or "share").
// The map is projected equirectangularly with the longitudes shortened by
// cos(52.2°), which keeps the proportions of the Netherlands, and has no
// axes. The data rows are code, name and value, in the order of shapes;
// a value for a code that no shape has is an error.
func RegionMap(name, title string, shapes []RegionShape, values map[string]float64, unit string, l Labels) (Chart, error) {
	f, err := regionMapFigure(name, title, shapes, values, unit, l)
	if err != nil {
		return Chart{}, err
	}
	return renderOne(f)
}

func regionMapFigure(name, title string, shapes []RegionShape, values map[string]float64, unit string, l Labels) (*figure, error) {
	if err := checkUnit(unit); err != nil {
		return nil, err
	}
	if len(shapes) == 0 {
		return nil, fmt.Errorf("plots: map %s: no regions", name)
	}
	known := map[string]bool{}
	for _, s := range shapes {
		known[s.Code] = true
	}
	var unknown []string
	for code := range values {
		if !known[code] {
			unknown = append(unknown, code)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return nil, fmt.Errorf("plots: map %s: values for regions without a shape: %s", name, strings.Join(unknown, ", "))
	}
	var vals []float64
	for _, s := range shapes {
		if v, ok := values[s.Code]; ok {
			vals = append(vals, v)
		}
	}
	cl := classify(vals, maxClasses, unit)

	m := &choropleth{minX: math.Inf(1), maxX: math.Inf(-1), minY: math.Inf(1), maxY: math.Inf(-1)}
	data := [][]string{{"code", "name", "value"}}
	missing := false
	for _, s := range shapes {
		polys := project(s.Polygons)
		for _, poly := range polys {
			for _, ring := range poly {
				for _, pt := range ring {
					m.minX, m.maxX = math.Min(m.minX, pt[0]), math.Max(m.maxX, pt[0])
					m.minY, m.maxY = math.Min(m.minY, pt[1]), math.Max(m.maxY, pt[1])
				}
			}
		}
		m.regions = append(m.regions, polys)
		v, ok := values[s.Code]
		var fill color.Color = noDataColor
		cell := ""
		if ok && isNumber(v) {
			fill = classColor(cl.of(v), cl.n())
			cell = num(v)
		} else {
			missing = true
		}
		m.fills = append(m.fills, fill)
		data = append(data, []string{s.Code, s.Name, cell})
	}
	if !(m.maxX > m.minX) || !(m.maxY > m.minY) {
		return nil, fmt.Errorf("plots: map %s: the shapes have no extent", name)
	}
	// The legend from the most (top) to the least, "no data" last.
	if len(vals) > 0 && slices.ContainsFunc(vals, isNumber) {
		for k := cl.n() - 1; k >= 0; k-- {
			lo, hi := cl.bounds(k)
			m.legend = append(m.legend, legendEntry{Label: rangeText(l, unit, lo, hi), Thumb: fillThumb(fillStyle{Color: classColor(k, cl.n())})})
		}
	}
	if missing {
		m.legend = append(m.legend, legendEntry{Label: sayNational(l, "map.no_data"), Thumb: fillThumb(fillStyle{Color: noDataColor})})
	}

	p := plot.New()
	p.BackgroundColor = nil
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.Add(m)
	f := &figure{name: name, title: title, plot: p, data: data}
	// The figure is as tall as the map needs (height() counts rows).
	f.rows = int(math.Ceil(float64((m.mapHeight(f) - overhead) / rowHeight)))
	return f, nil
}

// RegionBars draws a value per region as horizontal bars, from the
// largest (top) to the smallest, each written at its end in unit ("euro",
// "count" or "share"), the axis in one unit. The figure grows taller with
// the regions so that every name can be read (31 regions: 14 cm). A
// value that is not a number gets no bar and is listed last. The data
// rows are region and value, in the order drawn.
func RegionBars(name, title string, regions []string, values []float64, unit string, l Labels) (Chart, error) {
	if len(regions) != len(values) {
		return Chart{}, fmt.Errorf("plots: bars %s: %d regions, %d values", name, len(regions), len(values))
	}
	vs := make([][]float64, len(values))
	for i, v := range values {
		vs[i] = []float64{v}
	}
	f, err := regionBarsFigure(name, title, regions, nil, vs, unit, l)
	if err != nil {
		return Chart{}, err
	}
	return renderOne(f)
}

// RegionOptions draws values[region][option] as small multiples of
// horizontal bars, a panel per option side by side, headed by the
// option's name: the regions in the same order in every panel (from the
// largest value of the first option to the smallest) and every panel on
// the same scale, so that the options compare at a glance. The data rows
// are the region and its value per option, in the order drawn.
func RegionOptions(name, title string, regions []string, options []string, values [][]float64, unit string, l Labels) (Chart, error) {
	if len(options) == 0 {
		return Chart{}, fmt.Errorf("plots: options %s: no options", name)
	}
	if len(regions) != len(values) {
		return Chart{}, fmt.Errorf("plots: options %s: %d regions, %d rows of values", name, len(regions), len(values))
	}
	for i, row := range values {
		if len(row) != len(options) {
			return Chart{}, fmt.Errorf("plots: options %s: %s has %d values for %d options", name, regions[i], len(row), len(options))
		}
	}
	f, err := regionBarsFigure(name, title, regions, options, values, unit, l)
	if err != nil {
		return Chart{}, err
	}
	return renderOne(f)
}

// regionBarColor is the colour of the bars of a single value per region:
// the palette's orange, as the middle of the map's classes.
var regionBarColor = sequential[5]

// panelGap is the room between two panels of options.
const panelGap = vg.Length(14)

// regionBarsFigure draws values[region][option] as bars: one panel
// without a heading when options is nil, else a panel per option. The
// panels lie side by side in one plot, one span of the scale each, a gap
// between them, so that they share their rows and their scale exactly.
func regionBarsFigure(name, title string, regions, options []string, values [][]float64, unit string, l Labels) (*figure, error) {
	if err := checkUnit(unit); err != nil {
		return nil, err
	}
	if len(regions) == 0 {
		return nil, fmt.Errorf("plots: %s: no regions", name)
	}
	single := options == nil
	nOpt := max(1, len(options))
	value := func(r, o int) float64 {
		if v := values[r][o]; isNumber(v) {
			return v
		}
		return math.NaN()
	}
	order := make([]int, len(regions))
	for i := range order {
		order[i] = i
	}
	// From the largest to the smallest; no number last.
	slices.SortStableFunc(order, func(a, b int) int {
		va, vb := value(a, 0), value(b, 0)
		switch {
		case math.IsNaN(va) && math.IsNaN(vb):
			return 0
		case math.IsNaN(va):
			return 1
		case math.IsNaN(vb):
			return -1
		}
		return cmp.Compare(vb, va)
	})

	// The scale: zero and every value, out to a labelled tick.
	lo, hi := 0.0, 0.0
	for r := range regions {
		for o := range nOpt {
			if v := value(r, o); !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo == hi {
		hi = 1
		if unit == UnitEuro {
			hi = 1000
		}
	}

	p := newPlot("", "")
	n := len(regions)
	yt := make([]plot.Tick, n)
	names := make([]string, n)
	widest := vg.Length(0)
	for k, r := range order {
		names[k] = regions[r]
		yt[k] = plot.Tick{Value: float64(n - 1 - k), Label: regions[r]}
		widest = max(widest, p.Y.Tick.Label.Width(regions[r]))
	}
	// The width of a panel, about (the names take the left).
	plotW := Width - 2*margin - widest - 6
	panelW := (plotW - panelGap*vg.Length(nOpt-1)) / vg.Length(nOpt)
	if single {
		panelW -= 60 // the values written at the bars' ends
	}
	// As many ticks as have room in a panel, the scale out to the tick
	// beyond the data when that is near, else a little beyond the data.
	var ticks []plot.Tick
	var axLo, axHi, ppu float64 // the scale's ends and points per unit
	for parts := 5; parts >= 1; parts-- {
		step := scaleStep(unit, lo, hi, parts)
		axLo, axHi = lo, hi
		if t := math.Floor(lo/step+1e-9) * step; lo-t <= 0.4*step {
			axLo = t
		} else {
			axLo -= 0.03 * (hi - lo)
		}
		if t := math.Ceil(hi/step-1e-9) * step; t-hi <= 0.4*step {
			axHi = t
		} else {
			axHi += 0.03 * (hi - lo)
		}
		ticks = scaleTicks(l, unit, axLo, axHi, step)
		ppu = float64(panelW) / (axHi - axLo)
		fits := true
		for i := 0; i+1 < len(ticks); i++ {
			need := (p.X.Tick.Label.Width(ticks[i].Label)+p.X.Tick.Label.Width(ticks[i+1].Label))/2 + 6
			if vg.Length(step*ppu) < need {
				fits = false
			}
		}
		if fits {
			break
		}
	}
	lo, hi = axLo, axHi
	span := hi - lo
	gap := span * float64(panelGap/panelW)
	offset := func(o int) float64 { return float64(o) * (span + gap) }
	x := func(o int, v float64) float64 { return offset(o) + v - lo }
	// The last tick's label gives way to the next panel's first when they
	// would touch.
	first, last := ticks[0], ticks[len(ticks)-1]
	room := panelGap + vg.Length((hi-last.Value+first.Value-lo)*ppu)
	dropLast := len(ticks) > 1 && (p.X.Tick.Label.Width(first.Label)+p.X.Tick.Label.Width(last.Label))/2+4 > room

	frames := &panelFrames{}
	var xt []plot.Tick
	for o := range nOpt {
		frames.panels = append(frames.panels, [2]float64{x(o, lo), x(o, hi)})
		frames.zeros = append(frames.zeros, x(o, 0))
		for i, t := range ticks {
			label := t.Label
			if dropLast && i == len(ticks)-1 && o < nOpt-1 {
				label = ""
			}
			xt = append(xt, plot.Tick{Value: x(o, t.Value), Label: label})
			frames.grid = append(frames.grid, x(o, t.Value))
		}
	}
	p.Add(frames)

	b := &bars{}
	lab := &labels{Pad: true}
	sty := middle(textStyle(smallSize), 0)
	for o := range nOpt {
		fill := fillStyle{Color: regionBarColor}
		if !single {
			fill = optionStyle(o).fill()
		}
		for k, r := range order {
			y := float64(n - 1 - k)
			v := value(r, o)
			if math.IsNaN(v) {
				if single {
					ls := sty
					ls.Color = zeroColor
					lab.Labels = append(lab.Labels, label{X: x(o, 0), Y: y, Text: sayNational(l, "map.no_data"), Style: ls, Offset: vg.Point{X: vg.Points(4)}})
				}
				continue
			}
			b.Rects = append(b.Rects, rect{X0: x(o, 0), X1: x(o, v), Y0: y - 0.34, Y1: y + 0.34, Fill: fill})
			if single {
				ls := sty
				off := vg.Points(4)
				if v < 0 && valueText(l, unit, v) != valueText(l, unit, 0) {
					ls.XAlign = draw.XRight
					off = -off
				}
				lab.Labels = append(lab.Labels, label{X: x(o, v), Y: y, Text: valueText(l, unit, v), Style: ls, Offset: vg.Point{X: off}})
			}
		}
	}
	// The headings of the panels, above them, wrapped to their width.
	heads := &labels{Pad: true}
	hs := headingStyle
	hs.YAlign = draw.YBottom
	lines := 0
	for o, opt := range options {
		txt := wrap(opt, hs, panelW)
		lines = max(lines, strings.Count(txt, "\n")+1)
		heads.Labels = append(heads.Labels, label{X: x(o, lo), Y: float64(n) - 0.4, Text: txt, Style: hs, Offset: vg.Point{Y: 3}})
	}
	p.Add(b, lab, heads)

	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.X.Min, p.X.Max = 0, x(nOpt-1, hi)
	p.X.Padding = 0
	p.X.LineStyle.Width = 0
	if !single {
		p.X.Tick.Length = 0 // the panels' grid marks the ticks
	}
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	p.Y.Padding = 0

	f := &figure{name: name, title: title, plot: p, rows: n + 2*lines}
	if single {
		f.data = [][]string{{"region", "value"}}
		for _, r := range order {
			f.data = append(f.data, []string{regions[r], cellNum(values[r][0])})
		}
		return f, nil
	}
	f.data = [][]string{append([]string{"region"}, options...)}
	for _, r := range order {
		row := []string{regions[r]}
		for o := range options {
			row = append(row, cellNum(values[r][o]))
		}
		f.data = append(f.data, row)
	}
	return f, nil
}

// cellNum is v for the data rows, empty when it is not a number.
func cellNum(v float64) string {
	if !isNumber(v) {
		return ""
	}
	return num(v)
}

// panelFrames draws the panels' light ground, their grid at the ticks and
// their zero lines.
type panelFrames struct {
	panels [][2]float64 // the X range of each panel
	grid   []float64    // X of the grid lines
	zeros  []float64    // X of each panel's zero
}

var panelGround = hex("#F7F7F7")

func (pf *panelFrames) Plot(c draw.Canvas, p *plot.Plot) {
	tx, _ := p.Transforms(&c)
	if len(pf.panels) > 1 {
		for _, r := range pf.panels {
			fillRect(c, vg.Rectangle{Min: vg.Point{X: tx(r[0]), Y: c.Min.Y}, Max: vg.Point{X: tx(r[1]), Y: c.Max.Y}}, fillStyle{Color: panelGround})
		}
	}
	sty := draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}
	for _, g := range pf.grid {
		c.StrokeLine2(sty, tx(g), c.Min.Y, tx(g), c.Max.Y)
	}
	zero := draw.LineStyle{Color: zeroColor, Width: vg.Points(0.8)}
	for _, z := range pf.zeros {
		c.StrokeLine2(zero, tx(z), c.Min.Y, tx(z), c.Max.Y)
	}
}
