package plots

import (
	"image/color"
	"math"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Size of the charts: the text width of an A4 page. A chart with many
// rows (parties in cumulative_net or the wrong-pocket matrix, legend
// entries) grows taller, up to MaxHeight, to keep every label readable.
const (
	Width     = 16 * vg.Centimeter
	Height    = 9 * vg.Centimeter
	MaxHeight = 24 * vg.Centimeter
	// DPI of the PNG images: twice the screen's 96, sharp on paper and on
	// high-density screens (1260 × 709 pixels).
	DPI = 200
)

// Font sizes; nothing is smaller than 8 pt.
const (
	titleSize = 11
	labelSize = 9
	tickSize  = 8
	smallSize = 8
	// cellMinSize is the smallest type of a heat map's cells: 9 pt when
	// the chart prints across a landscape A4 page (277 mm, the report's
	// print stylesheet).
	cellMinSize = 9 * Width / (277 * vg.Millimeter)
)

// sans is the typeface of every text: Liberation Sans, which gonum/plot
// embeds (no font is read from the system or the network).
func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

func sansBold(size vg.Length) font.Font {
	f := sans(size)
	f.Weight = xfont.WeightBold
	return f
}

// textStyle is a black Liberation Sans style of the given size.
func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    sans(size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

func hex(s string) color.RGBA {
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil || len(s) != 7 {
		panic("plots: bad colour " + s)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

func hexes(ss ...string) []color.Color {
	out := make([]color.Color, len(ss))
	for i, s := range ss {
		out[i] = hex(s)
	}
	return out
}

// The palettes. All are designed to stay distinguishable with the common
// forms of colour blindness.
var (
	// partyPalette is Paul Tol's "muted" qualitative scheme (indigo, cyan,
	// teal, green, olive, sand, rose, wine, purple), from P. Tol, "Colour
	// Schemes", SRON technical note SRON/EPS/TN/09-002, figure 4,
	// https://personal.sron.nl/~pault/. Party i gets colour i mod 9; the
	// next nine parties get the same colours with a dash pattern (lines)
	// or hatching (bars).
	partyPalette = hexes("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")

	// instrumentPalette is the Okabe–Ito scheme without its black (orange,
	// sky blue, bluish green, yellow, blue, vermillion, reddish purple),
	// from M. Okabe and K. Ito, "Color Universal Design (CUD): how to make
	// figures and presentations that are friendly to colorblind people"
	// (2008), https://jfly.uni-koeln.de/color/. Instrument i (in
	// r.Instruments order) gets colour i mod 7, hatched beyond seven.
	instrumentPalette = hexes("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")

	// initiativePalette is Paul Tol's "bright" scheme without its grey
	// (blue, cyan, green, yellow, red, purple), same source, figure 1.
	initiativePalette = hexes("#4477AA", "#66CCEE", "#228833", "#CCBB44", "#EE6677", "#AA3377")

	// profileColors are from Paul Tol's "vibrant" scheme, same source,
	// figure 2: blue, orange and magenta for the phase-out profiles.
	profileColors = map[string]color.Color{
		"annuity": hex("#0077BB"),
		"linear":  hex("#EE7733"),
		"cliff":   hex("#EE3377"),
	}
	otherProfileColor = hex("#009988") // vibrant teal, for a profile not known here

	// sequential is Paul Tol's sequential "YlOrBr" scheme (after
	// ColorBrewer), same source, figure 7: light yellow for little, dark
	// brown for much.
	sequential = hexes("#FFFFE5", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506")

	// gapColor is the grey of the funding gap (hatched), Tol's "pale grey"
	// darkened so it shows on white.
	gapColor   = hex("#BBBBBB")
	gridColor  = hex("#E4E4E4")
	zeroColor  = hex("#555555")
	hatchColor = color.White
)

// dashes are the patterns of the successive cycles through a palette:
// solid, dashed, dotted, dash-dot.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(5), vg.Points(2.5)},
	{vg.Points(1.2), vg.Points(2)},
	{vg.Points(6), vg.Points(2), vg.Points(1.2), vg.Points(2)},
}

// glyphs are the point shapes of the successive cycles.
var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.TriangleGlyph{}, draw.SquareGlyph{}, draw.PyramidGlyph{},
}

// series is how one series (a party, an instrument, an initiative) looks
// in every chart: a colour and, beyond the palette's size, a dash pattern
// for lines and hatching for bars.
type series struct {
	Color  color.Color
	Cycle  int // 0 for the first pass through the palette
	Dashes []vg.Length
	Glyph  draw.GlyphDrawer
}

func pick(pal []color.Color, i int) series {
	if i < 0 {
		i = 0
	}
	c := i / len(pal)
	return series{
		Color:  pal[i%len(pal)],
		Cycle:  c,
		Dashes: dashes[c%len(dashes)],
		Glyph:  glyphs[c%len(glyphs)],
	}
}

// fill is how a bar of this series is filled: hatched from the second
// pass through the palette on.
func (s series) fill() fillStyle {
	f := fillStyle{Color: s.Color}
	if s.Cycle > 0 {
		f.Hatch = hatchColor
		f.HatchAngle = s.Cycle
	}
	return f
}

// line is the line style of this series.
func (s series) line(width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: s.Color, Width: width, Dashes: s.Dashes}
}

// PartyColor is the colour of party i (its index in sim.Result.Parties)
// in every chart: Paul Tol's "muted" palette, cycling.
func PartyColor(i int) color.Color { return partyStyle(i).Color }

// PartyDashes is the dash pattern of party i's lines (nil: solid); it
// tells apart parties that share a colour.
func PartyDashes(i int) []vg.Length { return partyStyle(i).Dashes }

func partyStyle(i int) series      { return pick(partyPalette, i) }
func instrumentStyle(i int) series { return pick(instrumentPalette, i) }
func initiativeStyle(i int) series { return pick(initiativePalette, i) }

// InstrumentColor is the colour of instrument i (its index in
// sim.Result.Instruments) in the funding chart.
func InstrumentColor(i int) color.Color { return instrumentStyle(i).Color }

// sequentialColor maps t in [0, 1] onto the sequential scale.
func sequentialColor(t float64) color.Color {
	if math.IsNaN(t) || t <= 0 {
		return sequential[0]
	}
	if t >= 1 {
		return sequential[len(sequential)-1]
	}
	x := t * float64(len(sequential)-1)
	k := int(x)
	f := x - float64(k)
	a, b := sequential[k].(color.RGBA), sequential[k+1].(color.RGBA)
	mix := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + f*(float64(q)-float64(p)))) }
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
}

// luminance is the relative luminance of c (ITU-R BT.709 weights on the
// sRGB values, close enough to choose black or white text on it).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// textOn is black or white, whichever reads better on background c.
func textOn(c color.Color) color.Color {
	if luminance(c) < 0.45 {
		return color.White
	}
	return color.Black
}

// capHeight is the height of capitals and digits in Liberation Sans, in
// em (as Arial's: 1467/2048).
const capHeight = 0.716

// middle aligns sty so that the middle of its capitals and digits sits
// on the point the text is drawn at (text.YCenter centres the whole line
// box, descent included, which puts digits visibly low). shift is what the
// caller adds to the point's Y before drawing: gonum's vertical axes add
// the font's descent to their tick labels.
func middle(sty text.Style, shift vg.Length) text.Style {
	size := sty.Font.Size
	ht := sty.Height("0")
	if ht <= 0 {
		return sty
	}
	// The plain text handler puts the baseline of a one-line text drawn at
	// y at y + ht·YAlign − ascent + size; we want y − shift − capHeight·size/2.
	asc := sty.FontExtents().Ascent
	sty.YAlign = text.YAlignment((asc - size - shift - capHeight*size/2) / ht)
	return sty
}

// middleTicks aligns the tick labels of a vertical axis with their ticks.
func middleTicks(a *plot.Axis) {
	a.Tick.Label = middle(a.Tick.Label, a.Tick.Label.FontExtents().Descent)
}
