package plots

import (
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one line of a legend: a small sample and its label.
type legendEntry struct {
	Label string
	Thumb func(c draw.Canvas) // draws the sample into c
}

// Legend geometry.
const (
	thumbWidth   = vg.Length(18)
	thumbGap     = vg.Length(4)
	entryGap     = vg.Length(3)
	columnGap    = vg.Length(10)
	maxLabelText = vg.Length(112) // wider labels wrap onto more lines
)

func lineThumb(sty draw.LineStyle, glyph *draw.GlyphStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		y := (c.Min.Y + c.Max.Y) / 2
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		if glyph != nil {
			c.DrawGlyphNoClip(*glyph, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: y})
		}
	}
}

func fillThumb(f fillStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		r := c.Rectangle
		r.Min.Y += 1
		r.Max.Y -= 1
		r.Min.X += 3
		r.Max.X -= 3
		fillRect(c, r, f)
	}
}

// wrap breaks s at spaces into lines no wider than width (a word wider
// than width gets a line of its own).
func wrap(s string, sty text.Style, width vg.Length) string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	var lines []string
	cur := words[0]
	for _, w := range words[1:] {
		if sty.Width(cur+" "+w) <= width {
			cur += " " + w
			continue
		}
		lines = append(lines, cur)
		cur = w
	}
	lines = append(lines, cur)
	return strings.Join(lines, "\n")
}

// placed is a legend entry with its wrapped label and position relative
// to the legend's top left corner.
type placed struct {
	legendEntry
	text string
	x, y vg.Length // top left
	h    vg.Length
}

// layoutLegend places entries top to bottom in columns no taller than
// maxH and returns them with the legend's size.
func layoutLegend(entries []legendEntry, sty text.Style, maxH vg.Length) (out []placed, w, h vg.Length) {
	lineH := sty.FontExtents().Height
	var colX, colY, colW vg.Length
	for _, e := range entries {
		txt := wrap(e.Label, sty, maxLabelText)
		eh := lineH * vg.Length(strings.Count(txt, "\n")+1)
		ew := thumbWidth + thumbGap + sty.Width(txt)
		if colY > 0 && colY+eh > maxH {
			colX += colW + columnGap
			colY, colW = 0, 0
		}
		out = append(out, placed{legendEntry: e, text: txt, x: colX, y: colY, h: eh})
		colW = max(colW, ew)
		colY += eh + entryGap
		h = max(h, colY-entryGap)
	}
	return out, colX + colW, h
}

// drawLegend draws placed entries with the legend's top left at tl.
func drawLegend(c draw.Canvas, entries []placed, sty text.Style, tl vg.Point) {
	lineH := sty.FontExtents().Height
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	for _, e := range entries {
		top := tl.Y - e.y
		x := tl.X + e.x
		thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: top - lineH + 1.5},
			Max: vg.Point{X: x + thumbWidth, Y: top - 1.5},
		}}
		if e.Thumb != nil {
			e.Thumb(thumb)
		}
		c.FillText(sty, vg.Point{X: x + thumbWidth + thumbGap, Y: top}, e.text)
	}
}

// outlineThumb is an empty box: what an empty cell of a heat map means.
func outlineThumb(c draw.Canvas) {
	r := c.Rectangle
	r.Min.X += 3
	r.Max.X -= 3
	r.Min.Y += 1
	r.Max.Y -= 1
	c.StrokeLines(draw.LineStyle{Color: zeroColor, Width: vg.Points(0.5)}, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min})
}
