package plots

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"gonum.org/v1/plot"
)

// niceStep is the smallest step of the form 1, 2 or 5 × 10^k that is at
// least raw. Such steps keep tick labels exact in the one decimal that
// Labels.Short shows for millions.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw*(1-1e-9) {
			return m * p
		}
	}
	return 10 * p
}

// valueTicks marks about n values between min and max on a 1-2-5 step and
// labels them with format.
func valueTicks(min, max float64, n int, format func(float64) string) []plot.Tick {
	if !(max > min) {
		return []plot.Tick{{Value: min, Label: format(min)}}
	}
	step := niceStep((max - min) / float64(n))
	if step == 0 {
		return []plot.Tick{{Value: min, Label: format(min)}}
	}
	var ticks []plot.Tick
	for k := math.Ceil(min/step - 1e-9); k*step <= max+step*1e-9; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no "-0"
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: format(v)})
	}
	return ticks
}

// euroTicks labels a euro axis: every tick in the one unit of the axis
// (see euroFormat), "€ 0" at zero.
func euroTicks(l Labels) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		ticks := valueTicks(min, max, 5, func(float64) string { return "" })
		values := make([]float64, len(ticks))
		for i, t := range ticks {
			values[i] = t.Value
		}
		format := euroFormat(langOf(l), values)
		for i := range ticks {
			ticks[i].Label = format(ticks[i].Value)
		}
		return ticks
	})
}

// A unit of a euro axis and its suffix in English and Dutch (as
// Labels.Short writes them).
type euroUnit struct {
	size   float64
	en, nl string
}

var euroUnits = []euroUnit{{1e9, "bn", " mld"}, {1e6, "M", " mln"}, {1e3, "k", "k"}, {1, "", ""}}

// euroFormat is how the ticks at values are labelled, all in one unit
// and with one number of decimals: the largest unit that the largest
// value reaches and in which every value needs at most one decimal
// (€ 0,5 mln … € 2,5 mln; € 50k … € 250k, not € 0,05 mln). A value that
// rounds to zero is "€ 0", never "€ -0". lang is "nl" or "en".
func euroFormat(lang string, values []float64) func(float64) string {
	top := 0.0
	for _, v := range values {
		top = math.Max(top, math.Abs(v))
	}
	unit, decimals := euroUnits[len(euroUnits)-1], 0
	for _, u := range euroUnits {
		if top < u.size && u.size > 1 {
			continue
		}
		d, ok := decimalsFor(values, u.size)
		if ok || u.size == 1 {
			unit, decimals = u, d
			break
		}
	}
	suffix := unit.en
	if lang == "nl" {
		suffix = unit.nl
	}
	return func(v float64) string {
		x := v / unit.size
		s := groupDigits(strconv.FormatFloat(math.Abs(x), 'f', decimals, 64), lang)
		if strings.Trim(s, "0.,") == "" { // rounds to zero
			return euroString("", "0", "", lang)
		}
		sign := ""
		if x < 0 {
			sign = "-"
		}
		return euroString(sign, s, suffix, lang)
	}
}

// decimalsFor is the number of decimals (0 or 1) that shows every value
// exactly in units of size; false when one decimal is not enough.
func decimalsFor(values []float64, size float64) (int, bool) {
	exact := func(d int) bool {
		p := math.Pow(10, float64(d))
		for _, v := range values {
			x := v / size * p
			if math.Abs(x-math.Round(x)) > 1e-6*math.Max(1, math.Abs(x)) {
				return false
			}
		}
		return true
	}
	for d := 0; d <= 1; d++ {
		if exact(d) {
			return d, true
		}
	}
	return 1, false
}

// euroString writes an amount: "€ -1,5 mln" (nl), "-€1.5M" (en).
func euroString(sign, digits, suffix, lang string) string {
	if lang == "nl" {
		return "€ " + sign + digits + suffix
	}
	return sign + "€" + digits + suffix
}

// groupDigits puts the language's separators into a number written by
// strconv ("1234.5"): "1.234,5" (nl), "1,234.5" (en).
func groupDigits(s, lang string) string {
	whole, frac, _ := strings.Cut(s, ".")
	thousands, point := ",", "."
	if lang == "nl" {
		thousands, point = ".", ","
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(thousands)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString(point + frac)
	}
	return b.String()
}

// money is l.Short(v) without "-0": an amount that rounds to zero euros
// is written as zero.
func money(l Labels, v float64) string {
	if math.IsNaN(v) {
		v = 0
	}
	if math.Abs(v) < 1e3 {
		v = math.Round(v) // whole euros, as Short writes them
	}
	if v == 0 {
		v = 0 // no "-0"
	}
	return l.Short(v)
}

// yearTicks marks every year between min and max, labelling every year up
// to twelve years, every other year up to 24 and every fifth beyond.
var yearTicks = yearTicksFor(12)

// yearTicksFor marks every year between min and max, labelling every year
// up to most years, every other year up to twice as many and every fifth
// beyond (a narrow panel labels fewer years).
func yearTicksFor(most int) plot.Ticker {
	return plot.TickerFunc(func(min, max float64) []plot.Tick {
		first, last := int(math.Ceil(min-1e-9)), int(math.Floor(max+1e-9))
		every := 1
		switch n := last - first + 1; {
		case n > 2*most:
			every = 5
		case n > most:
			every = 2
		}
		var ticks []plot.Tick
		for y := first; y <= last; y++ {
			t := plot.Tick{Value: float64(y)}
			if (y-first)%every == 0 {
				t.Label = strconv.Itoa(y)
			}
			ticks = append(ticks, t)
		}
		return ticks
	})
}

// moneyRange writes a range of euros compactly, the euro sign and the
// unit once, both ends in the unit of the larger: "€0.9–1.5M",
// "€ 0,9–1,9 mln" (for € 909k to € 1,9 mln).
func moneyRange(l Labels, lo, hi float64) string {
	a, b := money(l, lo), money(l, hi)
	// Split into what comes before the digits (sign and euro sign), the
	// digits and the unit after them.
	split := func(s string) (pre, digits, unit string) {
		i := strings.IndexFunc(s, unicode.IsDigit)
		if i < 0 {
			return s, "", ""
		}
		j := strings.LastIndexFunc(s, unicode.IsDigit) + 1
		return s[:i], s[i:j], s[j:]
	}
	pa, da, ua := split(a)
	_, db, ub := split(b)
	if da == "" || db == "" || lo < 0 || hi < 0 || lo > hi {
		return a + "–" + b
	}
	if ua != ub {
		scale := 1.0
		switch h := math.Abs(hi); {
		case h >= 1e9:
			scale = 1e9
		case h >= 1e6:
			scale = 1e6
		case h >= 1e3:
			scale = 1e3
		}
		x := lo / scale
		digits := strconv.FormatFloat(x, 'f', 1, 64)
		if x >= 9.95 {
			digits = strconv.FormatFloat(x, 'f', 0, 64)
		}
		digits = strings.TrimSuffix(digits, ".0")
		// The decimal mark of the language, from its way of writing 1.5k.
		if _, d, _ := split(l.Short(1500)); strings.Contains(d, ",") {
			digits = strings.ReplaceAll(digits, ".", ",")
		}
		da = digits
	}
	return pa + da + "–" + db + ub
}
