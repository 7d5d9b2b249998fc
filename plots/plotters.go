package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// fillStyle is how a bar is filled: a colour and, optionally, hatching.
type fillStyle struct {
	Color color.Color
	// Hatch is the colour of hatching lines over the fill (nil: none);
	// HatchAngle picks their direction: 1 "/", 2 "\", 3 both.
	Hatch      color.Color
	HatchAngle int
}

const hatchSpacing = 3.5 // points between hatching lines

// fillRect fills a rectangle of the canvas (in page coordinates).
func fillRect(c draw.Canvas, r vg.Rectangle, f fillStyle) {
	if r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y {
		return
	}
	c.FillPolygon(f.Color, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
	if f.Hatch == nil {
		return
	}
	sty := draw.LineStyle{Color: f.Hatch, Width: vg.Points(1)}
	x0, x1, y0, y1 := float64(r.Min.X), float64(r.Max.X), float64(r.Min.Y), float64(r.Max.Y)
	s := hatchSpacing
	if f.HatchAngle != 2 { // "/": y = x + k
		for k := math.Floor((y0-x1)/s) * s; k <= y1-x0; k += s {
			a, b := math.Max(x0, y0-k), math.Min(x1, y1-k)
			if b > a {
				c.StrokeLine2(sty, vg.Length(a), vg.Length(a+k), vg.Length(b), vg.Length(b+k))
			}
		}
	}
	if f.HatchAngle >= 2 { // "\": y = −x + k
		for k := math.Floor((x0+y0)/s) * s; k <= x1+y1; k += s {
			a, b := math.Max(x0, k-y1), math.Min(x1, k-y0)
			if b > a {
				c.StrokeLine2(sty, vg.Length(a), vg.Length(k-a), vg.Length(b), vg.Length(k-b))
			}
		}
	}
}

// rect is a bar in data coordinates.
type rect struct {
	X0, X1, Y0, Y1 float64
	Fill           fillStyle
}

// bars draws rectangles: stacked, grouped or horizontal bars.
type bars struct {
	Rects []rect
	// Outline separates touching bars (white, thin); nil colour: none.
	Outline draw.LineStyle
}

func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	for _, r := range b.Rects {
		x0, x1 := tx(r.X0), tx(r.X1)
		y0, y1 := ty(r.Y0), ty(r.Y1)
		box := vg.Rectangle{
			Min: vg.Point{X: min(x0, x1), Y: min(y0, y1)},
			Max: vg.Point{X: max(x0, x1), Y: max(y0, y1)},
		}
		fillRect(c, box, r.Fill)
		if b.Outline.Color != nil && b.Outline.Width > 0 {
			c.StrokeLines(b.Outline, []vg.Point{box.Min, {X: box.Max.X, Y: box.Min.Y}, box.Max, {X: box.Min.X, Y: box.Max.Y}, box.Min})
		}
	}
}

func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, r := range b.Rects {
		xmin, xmax = math.Min(xmin, math.Min(r.X0, r.X1)), math.Max(xmax, math.Max(r.X0, r.X1))
		ymin, ymax = math.Min(ymin, math.Min(r.Y0, r.Y1)), math.Max(ymax, math.Max(r.Y0, r.Y1))
	}
	return
}

// refLine is a reference line across the whole data area: vertical at
// X = At, or horizontal at Y = At.
type refLine struct {
	Vertical bool
	At       float64
	Style    draw.LineStyle
}

func (l *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	if l.Vertical {
		x := tx(l.At)
		c.StrokeLine2(l.Style, x, c.Min.Y, x, c.Max.Y)
		return
	}
	y := ty(l.At)
	c.StrokeLine2(l.Style, c.Min.X, y, c.Max.X, y)
}

// DataRange keeps the line's position in the plot's range.
func (l *refLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	if l.Vertical {
		return l.At, l.At, math.Inf(1), math.Inf(-1)
	}
	return math.Inf(1), math.Inf(-1), l.At, l.At
}

// label is a text at a point in data coordinates, shifted by Offset.
type label struct {
	X, Y   float64
	Text   string
	Style  text.Style
	Offset vg.Point
}

// labelRoom is the free space kept on either side of a padded label.
const labelRoom = vg.Length(6)

// labels draws texts; as a plot.GlyphBoxer it makes the plot leave room
// for them.
type labels struct {
	Labels []label
	// Pad makes the plot leave room for the labels.
	Pad bool
	// Fit, when set, is the room for each label in X units (a heat map's
	// cell): when a label does not fit, every label is set smaller by the
	// same factor, so that the cells read alike, down to MinSize (or 60 %
	// of its size, without MinSize); a label that does not fit even then
	// is left out rather than overlap.
	Fit float64
	// MinSize is the smallest type Fit may set.
	MinSize vg.Length
}

func (ls *labels) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	room := vg.Length(math.Inf(1))
	if ls.Fit > 0 {
		room = tx(ls.Fit) - tx(0) - 2
	}
	// The common scale: the largest at which the widest label fits.
	scale := 1.0
	for _, l := range ls.Labels {
		if w := l.Style.Width(l.Text); w > room {
			scale = math.Min(scale, float64(room/w))
		}
	}
	for _, l := range ls.Labels {
		sty := l.Style
		if scale < 1 {
			floor := 0.6 * float64(sty.Font.Size)
			if ls.MinSize > 0 {
				floor = math.Min(float64(ls.MinSize), float64(sty.Font.Size))
			}
			sty.Font.Size = vg.Length(math.Max(float64(sty.Font.Size)*scale, floor))
			if sty.Width(l.Text) > room+1 {
				continue
			}
		}
		c.FillText(sty, vg.Point{X: tx(l.X) + l.Offset.X, Y: ty(l.Y) + l.Offset.Y}, l.Text)
	}
}

func (ls *labels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	if !ls.Pad {
		return nil
	}
	boxes := make([]plot.GlyphBox, 0, len(ls.Labels))
	for _, l := range ls.Labels {
		r := l.Style.Rectangle(l.Text)
		r.Min = r.Min.Add(l.Offset).Sub(vg.Point{X: labelRoom})
		r.Max = r.Max.Add(l.Offset).Add(vg.Point{X: labelRoom})
		boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(l.X), Y: p.Y.Norm(l.Y), Rectangle: r})
	}
	return boxes
}

// cells is a grid of coloured cells, row 0 on top, each centred on
// integer coordinates (column c at X = c, row r at Y = rows−1−r).
type cells struct {
	Colors [][]color.Color // [row][column]; nil: no cell
	Gap    vg.Length       // white space between cells
}

func (g *cells) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	n := len(g.Colors)
	for r, row := range g.Colors {
		y := float64(n - 1 - r)
		for col, clr := range row {
			if clr == nil {
				continue // no cell
			}
			x := float64(col)
			box := vg.Rectangle{
				Min: vg.Point{X: tx(x-0.5) + g.Gap/2, Y: ty(y-0.5) + g.Gap/2},
				Max: vg.Point{X: tx(x+0.5) - g.Gap/2, Y: ty(y+0.5) - g.Gap/2},
			}
			fillRect(c, box, fillStyle{Color: clr})
		}
	}
}

func (g *cells) DataRange() (xmin, xmax, ymin, ymax float64) {
	cols := 0
	for _, row := range g.Colors {
		cols = max(cols, len(row))
	}
	return -0.5, float64(cols) - 0.5, -0.5, float64(len(g.Colors)) - 0.5
}
