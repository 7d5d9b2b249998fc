package plots_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/regiosim/regiosim/plots"
	"github.com/regiosim/regiosim/report"
)

// population of the zorgkantoor regions (../shared/data/zorgkantoor-regions.csv,
// CBS, about 1 January 2021): realistic values to draw.
var population = map[string]float64{
	"ZK01": 324924, "ZK02": 924333, "ZK03": 319855, "ZK04": 957175, "ZK06": 494766,
	"ZK07": 213752, "ZK08": 651412, "ZK09": 586420, "ZK10": 831624, "ZK11": 429864,
	"ZK12": 463791, "ZK13": 241262, "ZK14": 182388, "ZK16": 534105, "ZK17": 496738,
	"ZK18": 629950, "ZK19": 670337, "ZK20": 749144, "ZK21": 463092, "ZK22": 631436,
	"ZK23": 1337553, "ZK24": 430885, "ZK25": 710728, "ZK26": 339910, "ZK27": 385432,
	"ZK28": 573377, "ZK29": 417937, "ZK30": 784387, "ZK31": 593877, "ZK32": 565052,
	"ZK33": 540402,
}

// sequentialPalette is Paul Tol's YlOrBr scheme, the map's palette
// (style.go), lightest first.
var sequentialPalette = []string{"#FFFFE5", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506"}

const noDataGrey = "#DDDDDD"

func shapes(t *testing.T) []plots.RegionShape {
	t.Helper()
	s, err := plots.ZorgkantoorRegions()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// perCapita is €3.50 per inhabitant of each region.
func perCapita() map[string]float64 {
	v := map[string]float64{}
	for code, p := range population {
		v[code] = 3.5 * p
	}
	return v
}

// keep writes a chart's SVG and PNG into -out (when given) or a temporary
// directory, to look at.
func keep(t *testing.T, c plots.Chart, lang string) {
	t.Helper()
	dir := *outDir
	if dir == "" {
		dir = t.TempDir()
	}
	stem := filepath.Join(dir, "national_"+lang+"_"+c.Name)
	if err := os.WriteFile(stem+".svg", c.SVG, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stem+".png", c.PNG, 0o644); err != nil {
		t.Fatal(err)
	}
}

// svgPath is a filled path of an SVG: its fill and its points.
type svgPath struct {
	Fill   string
	Points [][2]float64
}

var pathNumber = regexp.MustCompile(`[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?`)

// filledPaths are the filled paths of an SVG in the order drawn (vgsvg
// writes fills and strokes as separate paths, of M, L and Z only for
// polygons).
func filledPaths(t *testing.T, svg []byte) []svgPath {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var out []svgPath
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok || e.Name.Local != "path" {
			continue
		}
		var p svgPath
		var data string
		for _, a := range e.Attr {
			switch a.Name.Local {
			case "d":
				data = a.Value
			case "style":
				for _, decl := range strings.Split(a.Value, ";") {
					if k, v, _ := strings.Cut(decl, ":"); k == "fill" {
						p.Fill = strings.ToUpper(v)
					}
				}
			}
		}
		if p.Fill == "" || p.Fill == "NONE" {
			continue
		}
		nums := pathNumber.FindAllString(data, -1)
		for i := 0; i+1 < len(nums); i += 2 {
			x, _ := strconv.ParseFloat(nums[i], 64)
			y, _ := strconv.ParseFloat(nums[i+1], 64)
			p.Points = append(p.Points, [2]float64{x, y})
		}
		out = append(out, p)
	}
}

// regionPaths are the filled paths of a map that outline regions: those
// of more than eight points (the background, the legend's samples and
// bars are rectangles).
func regionPaths(t *testing.T, svg []byte) []svgPath {
	t.Helper()
	return slices.DeleteFunc(filledPaths(t, svg), func(p svgPath) bool { return len(p.Points) <= 8 })
}

var svgFontSize = regexp.MustCompile(`font-size:\s*([0-9.]+)`)

// noSmallText: no text of the chart is under 8 pt (the SVG is in points,
// 16 cm wide), so that it prints at 9 pt or more across a portrait page.
func noSmallText(t *testing.T, c plots.Chart) {
	t.Helper()
	for _, m := range svgFontSize.FindAllSubmatch(c.SVG, -1) {
		if size, _ := strconv.ParseFloat(string(m[1]), 64); size < 8-1e-9 {
			t.Errorf("%s: text of %.2f pt", c.Name, size)
			return
		}
	}
}

var minusZero = regexp.MustCompile(`-\s*€?\s*0([.,]0*)?([^0-9.,]|$)`)

func TestZorgkantoorRegions(t *testing.T) {
	s := shapes(t)
	if len(s) != 31 {
		t.Fatalf("%d regions, want 31", len(s))
	}
	codes := map[string]bool{}
	code := regexp.MustCompile(`^ZK[0-9]{2}$`)
	for _, r := range s {
		if !code.MatchString(r.Code) || codes[r.Code] {
			t.Errorf("code %q: not ZKnn or twice", r.Code)
		}
		codes[r.Code] = true
		if r.Name == "" || len(r.Polygons) == 0 {
			t.Errorf("%s: name %q, %d polygons", r.Code, r.Name, len(r.Polygons))
		}
		if _, ok := population[r.Code]; !ok {
			t.Errorf("%s (%s) is not a zorgkantoor region of the CSV", r.Code, r.Name)
		}
		for _, poly := range r.Polygons {
			for _, ring := range poly {
				for _, pt := range ring {
					if pt[0] < 3.2 || pt[0] > 7.3 || pt[1] < 50.7 || pt[1] > 53.7 {
						t.Fatalf("%s: point %v outside the Netherlands", r.Code, pt)
					}
				}
			}
		}
	}
	if s[0].Code != "ZK01" || s[0].Name != "Amstelland en De Meerlanden" {
		t.Errorf("first region %s %q", s[0].Code, s[0].Name)
	}
	// Each call has its own copy.
	s[0].Polygons[0][0][0] = [2]float64{0, 0}
	s[0].Name = "changed"
	if again := shapes(t); again[0].Polygons[0][0][0] == [2]float64{0, 0} || again[0].Name == "changed" {
		t.Error("ZorgkantoorRegions hands out its cache")
	}
}

func TestLoadRegionShapesBad(t *testing.T) {
	ring := `[[4,52],[5,52],[5,53],[4,52]]`
	feature := func(props, geom string) string {
		return `{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}`
	}
	poly := `{"type":"Polygon","coordinates":[` + ring + `]}`
	props := `{"statcode":"ZK01","statnaam":"Een"}`
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	good := fc(feature(props, poly), feature(`{"statcode":"ZK02","statnaam":"Twee"}`,
		`{"type":"MultiPolygon","coordinates":[[`+ring+`],[`+ring+`]]}`))
	s, err := plots.LoadRegionShapes([]byte(good))
	if err != nil || len(s) != 2 || s[1].Code != "ZK02" || s[1].Name != "Twee" || len(s[1].Polygons) != 2 || s[0].Polygons[0][0][2] != [2]float64{5, 53} {
		t.Fatalf("good GeoJSON: %v, %+v", err, s)
	}
	for name, src := range map[string]string{
		"empty":             ``,
		"not json":          `{"type":`,
		"an array":          `[1,2]`,
		"a feature":         feature(props, poly),
		"no features":       fc(),
		"null geometry":     fc(feature(props, `null`)),
		"a point":           fc(feature(props, `{"type":"Point","coordinates":[4,52]}`)),
		"a line string":     fc(feature(props, `{"type":"LineString","coordinates":[[4,52],[5,53]]}`)),
		"short ring":        fc(feature(props, `{"type":"Polygon","coordinates":[[[4,52],[5,52],[4,52]]]}`)),
		"no rings":          fc(feature(props, `{"type":"Polygon","coordinates":[]}`)),
		"no polygons":       fc(feature(props, `{"type":"MultiPolygon","coordinates":[]}`)),
		"flat coordinates":  fc(feature(props, `{"type":"Polygon","coordinates":[4,52,5,53]}`)),
		"multi too shallow": fc(feature(props, `{"type":"MultiPolygon","coordinates":[`+ring+`]}`)),
		"one coordinate":    fc(feature(props, `{"type":"Polygon","coordinates":[[[4],[5],[6],[4]]]}`)),
		"text coordinates":  fc(feature(props, `{"type":"Polygon","coordinates":[[["4","52"],[5,52],[5,53],[4,52]]]}`)),
		"off the globe":     fc(feature(props, `{"type":"Polygon","coordinates":[[[4,520],[5,52],[5,53],[4,520]]]}`)),
		"no statcode":       fc(feature(`{"statnaam":"Een"}`, poly)),
		"numeric statcode":  fc(feature(`{"statcode":1}`, poly)),
		"code twice":        fc(feature(props, poly), feature(props, poly)),
		"not a feature":     fc(`{"type":"Polygon","coordinates":[` + ring + `]}`),
	} {
		if s, err := plots.LoadRegionShapes([]byte(src)); err == nil {
			t.Errorf("%s: no error, %d shapes", name, len(s))
		}
	}
}

func TestRegionMap(t *testing.T) {
	sh := shapes(t)
	values := perCapita()
	// The least and the most populous regions.
	least, most := "ZK14", "ZK23"
	for _, l := range []report.Lang{report.English, report.Dutch} {
		c, err := plots.RegionMap("map_per_capita", l.T("chart.funding"), sh, values, plots.UnitEuro, l)
		if err != nil {
			t.Fatal(err)
		}
		keep(t, c, l.Code)
		noSmallText(t, c)
		paths := regionPaths(t, c.SVG)
		if len(paths) != 31 {
			t.Fatalf("%s: %d filled region paths, want 31", l.Code, len(paths))
		}
		// A path per region, in the order of the shapes, each in a colour
		// of the palette, darker for more.
		shade := map[string]int{}
		used := map[int]bool{}
		for i, p := range paths {
			k := slices.Index(sequentialPalette, p.Fill)
			if k < 0 {
				t.Errorf("%s: %s filled %s, not a colour of the palette", l.Code, sh[i].Code, p.Fill)
			}
			shade[sh[i].Code] = k
			used[k] = true
		}
		if len(used) != 5 {
			t.Errorf("%s: %d classes drawn, want 5", l.Code, len(used))
		}
		for a, va := range values {
			for b, vb := range values {
				if va < vb && shade[a] > shade[b] {
					t.Errorf("%s: %s (%.0f) darker than %s (%.0f)", l.Code, a, va, b, vb)
				}
			}
		}
		if shade[least] != slices.Min(slices.Collect(mapValues(shade))) || shade[most] != slices.Max(slices.Collect(mapValues(shade))) {
			t.Errorf("%s: the least (%s, shade %d) and the most (%s, shade %d) are not the extreme classes", l.Code, least, shade[least], most, shade[most])
		}
		if sequentialPalette[shade[least]] != "#FFF7BC" || sequentialPalette[shade[most]] != "#662506" {
			t.Errorf("%s: extremes filled %s and %s", l.Code, sequentialPalette[shade[least]], sequentialPalette[shade[most]])
		}
		doc := parseSVG(t, c.SVG)
		if slices.Contains(doc.Texts, l.T("map.no_data")) {
			t.Errorf("%s: %q in the legend of a map with every value", l.Code, l.T("map.no_data"))
		}
		// The legend writes euros, as Short does: "€1.1M"/"€ 1,1 mln".
		euros := 0
		for _, s := range doc.Texts {
			if strings.Contains(s, "€") {
				euros++
			}
		}
		if euros != 5 {
			t.Errorf("%s: %d legend entries in euros, want 5: %q", l.Code, euros, doc.Texts)
		}
		// The proportions of the projection: a degree of longitude is
		// cos(52.2°) of a degree of latitude.
		lon0, lon1, lat0, lat1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, r := range sh {
			for _, poly := range r.Polygons {
				for _, ring := range poly {
					for _, pt := range ring {
						lon0, lon1 = math.Min(lon0, pt[0]), math.Max(lon1, pt[0])
						lat0, lat1 = math.Min(lat0, pt[1]), math.Max(lat1, pt[1])
					}
				}
			}
		}
		x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, p := range paths {
			for _, pt := range p.Points {
				x0, x1 = math.Min(x0, pt[0]), math.Max(x1, pt[0])
				y0, y1 = math.Min(y0, pt[1]), math.Max(y1, pt[1])
			}
		}
		want := (lon1 - lon0) * math.Cos(52.2*math.Pi/180) / (lat1 - lat0)
		if got := (x1 - x0) / (y1 - y0); math.Abs(got/want-1) > 0.01 {
			t.Errorf("%s: map %.1f × %.1f pt, proportions %.3f, want %.3f", l.Code, x1-x0, y1-y0, got, want)
		}
		if x1-x0 < 250 {
			t.Errorf("%s: the map is only %.0f pt wide", l.Code, x1-x0)
		}
		// The data rows: code, name, value, per shape.
		if len(c.Data) != 32 || !slices.Equal(c.Data[0], []string{"code", "name", "value"}) {
			t.Fatalf("%s: data %q", l.Code, c.Data[:min(2, len(c.Data))])
		}
		for i, row := range c.Data[1:] {
			if row[0] != sh[i].Code || row[1] != sh[i].Name || row[2] != strconv.FormatFloat(values[sh[i].Code], 'f', 2, 64) {
				t.Errorf("%s: data row %q", l.Code, row)
			}
		}
	}
}

func mapValues(m map[string]int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

func TestRegionMapNoData(t *testing.T) {
	sh := shapes(t)
	for _, unit := range []string{plots.UnitEuro, plots.UnitCount, plots.UnitShare} {
		values := map[string]float64{}
		for code, p := range population {
			switch unit {
			case plots.UnitEuro:
				values[code] = 3.5 * p
			case plots.UnitCount:
				values[code] = math.Round(p / 1000)
			case plots.UnitShare:
				values[code] = p / 1.5e6
			}
		}
		delete(values, "ZK07") // Flevoland
		values["ZK08"] = math.NaN()
		for _, l := range []report.Lang{report.English, report.Dutch} {
			c, err := plots.RegionMap("map_"+unit, "Flevoland and Friesland without data", sh, values, unit, l)
			if err != nil {
				t.Fatal(err)
			}
			keep(t, c, l.Code)
			noSmallText(t, c)
			paths := regionPaths(t, c.SVG)
			if len(paths) != 31 {
				t.Fatalf("%s %s: %d region paths", l.Code, unit, len(paths))
			}
			for i, p := range paths {
				grey := sh[i].Code == "ZK07" || sh[i].Code == "ZK08"
				if grey != (p.Fill == noDataGrey) || !grey && !slices.Contains(sequentialPalette, p.Fill) {
					t.Errorf("%s %s: %s filled %s", l.Code, unit, sh[i].Code, p.Fill)
				}
			}
			doc := parseSVG(t, c.SVG)
			noData := []string{"no data", "geen gegevens"}[slices.Index(report.Languages, l.Code)]
			if !slices.Contains(doc.Texts, noData) {
				t.Errorf("%s %s: no %q in the legend %q", l.Code, unit, noData, doc.Texts)
			}
			var legend []string
			for _, s := range doc.Texts {
				if s != noData && !strings.Contains(c.Title, s) {
					legend = append(legend, s)
				}
			}
			if len(legend) != 5 {
				t.Errorf("%s %s: legend %q, want 5 classes", l.Code, unit, legend)
			}
			for _, s := range legend {
				switch unit {
				case plots.UnitCount:
					if strings.ContainsAny(s, "€%") || !regexp.MustCompile(`^[0-9.,]+(–[0-9.,]+)?$`).MatchString(s) {
						t.Errorf("%s: count class %q", l.Code, s)
					}
					if l.Code == "en" && strings.Contains(s, ".") || l.Code == "nl" && strings.Contains(s, ",") {
						t.Errorf("%s: count class %q has decimals", l.Code, s)
					}
				case plots.UnitShare:
					if !strings.HasSuffix(s, "%") {
						t.Errorf("%s: share class %q", l.Code, s)
					}
				case plots.UnitEuro:
					if !strings.Contains(s, "€") {
						t.Errorf("%s: euro class %q", l.Code, s)
					}
				}
			}
			if row := c.Data[slices.IndexFunc(c.Data, func(r []string) bool { return r[0] == "ZK07" })]; row[2] != "" {
				t.Errorf("%s: data row of a region without a value %q", l.Code, row)
			}
		}
	}
	// A value for a region that has no shape is a mistake.
	if _, err := plots.RegionMap("m", "m", sh, map[string]float64{"ZK05": 1}, plots.UnitEuro, report.English); err == nil {
		t.Error("a value for ZK05 (not a region since 2014) drew")
	}
	if _, err := plots.RegionMap("m", "m", sh, perCapita(), "inhabitants", report.English); err == nil {
		t.Error("an unknown unit drew")
	}
	// No value at all: every region grey.
	c, err := plots.RegionMap("m", "m", sh, nil, plots.UnitEuro, report.English)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range regionPaths(t, c.SVG) {
		if p.Fill != noDataGrey {
			t.Errorf("a map without values filled %s", p.Fill)
		}
	}
}

// regionNames and values of the regions in the order of the shapes.
func regionValues(t *testing.T, f func(code string) float64) ([]string, []float64) {
	var names []string
	var values []float64
	for _, s := range shapes(t) {
		names = append(names, s.Name)
		values = append(values, f(s.Code))
	}
	return names, values
}

func TestRegionBars(t *testing.T) {
	// Net per region: most gain, some lose, one rounds to zero from
	// below (it must not read "€ -0").
	names, values := regionValues(t, func(code string) float64 {
		n, _ := strconv.Atoi(code[2:])
		return population[code] * float64(n%7-2)
	})
	values[3] = -0.4
	values[4] = -0.0
	for _, l := range []report.Lang{report.English, report.Dutch} {
		c, err := plots.RegionBars("bars_net", "Net position per region (present value)", names, values, plots.UnitEuro, l)
		if err != nil {
			t.Fatal(err)
		}
		keep(t, c, l.Code)
		noSmallText(t, c)
		if len(c.Data) != 32 || !slices.Equal(c.Data[0], []string{"region", "value"}) {
			t.Fatalf("%s: data %q", l.Code, c.Data[:min(2, len(c.Data))])
		}
		var got []float64
		for _, row := range c.Data[1:] {
			v, err := strconv.ParseFloat(row[1], 64)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if got[0] != slices.Max(values) || !slices.IsSortedFunc(got, func(a, b float64) int { return -cmpFloat(a, b) }) {
			t.Errorf("%s: rows not from the largest to the smallest: %v", l.Code, got)
		}
		doc := parseSVG(t, c.SVG)
		for _, n := range names {
			if !slices.Contains(doc.Texts, n) {
				t.Errorf("%s: no name %q", l.Code, n)
			}
		}
		for _, s := range doc.Texts {
			if minusZero.MatchString(s) {
				t.Errorf("%s: text %q", l.Code, s)
			}
		}
		// 31 rows of names: taller than the usual 9 cm.
		if h := points(t, doc.Height); h < 12/2.54*72 || h > 24/2.54*72+0.01 {
			t.Errorf("%s: %s tall", l.Code, doc.Height)
		}
		// The axis in one unit: the ticks are the texts in euros that are
		// not a bar's value.
		var ticks []string
		written := map[string]bool{}
		for _, v := range values {
			written[l.Short(v)] = true
		}
		written[l.Short(0)] = true
		for _, s := range doc.Texts {
			if strings.Contains(s, "€") && !written[s] {
				ticks = append(ticks, s)
			}
		}
		unit := regexp.MustCompile(`[0-9](\s*[a-zA-Z]*)$`)
		for _, s := range ticks {
			if u := unit.FindStringSubmatch(s); u == nil || u[1] != unit.FindStringSubmatch(ticks[0])[1] {
				t.Errorf("%s: ticks in more than one unit: %q", l.Code, ticks)
				break
			}
		}
	}
	if _, err := plots.RegionBars("b", "b", names, values[1:], plots.UnitEuro, report.English); err == nil {
		t.Error("31 names and 30 values drew")
	}
	// Shares and counts write theirs.
	shares := make([]float64, len(values))
	for i := range values {
		shares[i] = float64(i) / 40
	}
	c, err := plots.RegionBars("bars_share", "Share of", names, shares, plots.UnitShare, report.Dutch)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, c, "nl")
	if doc := parseSVG(t, c.SVG); !slices.Contains(doc.Texts, "75%") || !slices.Contains(doc.Texts, "2,5%") {
		t.Errorf("shares written as %q", doc.Texts)
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestRegionOptions(t *testing.T) {
	// Option B doubles option A; option C is option A again.
	names, base := regionValues(t, func(code string) float64 { return 2 * population[code] })
	options := []string{"A: care office buys", "B: the municipalities buy together", "C: as A"}
	values := make([][]float64, len(base))
	for i, v := range base {
		values[i] = []float64{v, 2 * v, v}
	}
	for _, l := range []report.Lang{report.English, report.Dutch} {
		c, err := plots.RegionOptions("options_cost", "Cost per region and option", names, options, values, plots.UnitEuro, l)
		if err != nil {
			t.Fatal(err)
		}
		keep(t, c, l.Code)
		noSmallText(t, c)
		doc := parseSVG(t, c.SVG)
		// One panel per option, headed by its name (wrapped to its width).
		bold := slices.DeleteFunc(slices.Clone(doc.Texts), func(s string) bool { return slices.Contains(doc.Plain, s) })
		for _, o := range options {
			if entries(bold, o) != 1 {
				t.Errorf("%s: heading %q %d times among %q", l.Code, o, entries(bold, o), bold)
			}
		}
		// Each name once, on the left.
		for _, n := range names {
			if k := entries(doc.Plain, n); k != 1 {
				t.Errorf("%s: %q %d times", l.Code, n, k)
			}
		}
		// The bars, by the colour of their option: 31 each, in the same
		// rows, on one scale (B's are twice A's, C's as A's).
		byColor := map[string][]svgPath{}
		var colors []string
		for _, p := range filledPaths(t, c.SVG) {
			if len(p.Points) != 4 || p.Fill == "#FFFFFF" || p.Fill == "#F7F7F7" {
				continue
			}
			if _, ok := byColor[p.Fill]; !ok {
				colors = append(colors, p.Fill)
			}
			byColor[p.Fill] = append(byColor[p.Fill], p)
		}
		if len(colors) != 3 {
			t.Fatalf("%s: bars in %d colours %q, want 3 panels", l.Code, len(colors), colors)
		}
		width := func(p svgPath) float64 {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, pt := range p.Points {
				lo, hi = math.Min(lo, pt[0]), math.Max(hi, pt[0])
			}
			return hi - lo
		}
		a, b, cc := byColor[colors[0]], byColor[colors[1]], byColor[colors[2]]
		if len(a) != 31 || len(b) != 31 || len(cc) != 31 {
			t.Fatalf("%s: %d, %d and %d bars", l.Code, len(a), len(b), len(cc))
		}
		for k := range a {
			if a[k].Points[0][1] != b[k].Points[0][1] || a[k].Points[0][1] != cc[k].Points[0][1] {
				t.Errorf("%s: bar %d not in the same row in every panel", l.Code, k)
			}
			if math.Abs(width(b[k])-2*width(a[k])) > 0.05 || math.Abs(width(cc[k])-width(a[k])) > 0.05 {
				t.Errorf("%s: bar %d is %.2f, %.2f and %.2f pt long: not one scale", l.Code, k, width(a[k]), width(b[k]), width(cc[k]))
			}
			if k > 0 && width(a[k]) > width(a[k-1])+1e-9 {
				t.Errorf("%s: bar %d longer than the one above it", l.Code, k)
			}
		}
		// The ticks: the same in every panel.
		count := map[string]int{}
		for _, s := range doc.Plain {
			if strings.Contains(s, "€") {
				count[s]++
			}
		}
		for s, n := range count {
			if n != 3 && !(n == 1 && len(count) > 2) {
				t.Errorf("%s: tick %q in %d panels: %v", l.Code, s, n, count)
			}
		}
		// Data: the region and a value per option, by the first option.
		if !slices.Equal(c.Data[0], append([]string{"region"}, options...)) || len(c.Data) != 32 {
			t.Fatalf("%s: data %q", l.Code, c.Data[0])
		}
		if c.Data[1][0] != "Utrecht" || c.Data[31][0] != "Midden-IJssel" {
			t.Errorf("%s: first %q, last %q", l.Code, c.Data[1][0], c.Data[31][0])
		}
	}
	for name, vs := range map[string][][]float64{
		"a row short":    append(slices.Clone(values[1:]), nil),
		"rows missing":   values[1:],
		"no values rows": nil,
	} {
		if _, err := plots.RegionOptions("o", "o", names, options, vs, plots.UnitEuro, report.English); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := plots.RegionOptions("o", "o", names, nil, values, plots.UnitEuro, report.English); err == nil {
		t.Error("no options: no error")
	}
}
