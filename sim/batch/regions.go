package batch

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/regiosim/regiosim/scenarios"
)

// Region is one region of a batch: a row of the regions table, or a
// scenario file of its own.
type Region struct {
	Name, Code string
	Population float64
	// Columns are the row's numbers by column, for the national key
	// (population among them).
	Columns map[string]float64
	// Values are the scenario paths the row sets, with their values.
	Values map[string]float64
	// Text holds, for columns of words, why they are not a number.
	Text map[string]string
	// Line is the row's line in the table (the header is line 1); File
	// the table or the region's own scenario file.
	Line int
	File string
	// Scenario is the region's own scenario (the files form), else nil.
	Scenario *scenarios.Scenario
	// Problems of the row itself (a number that does not parse, a
	// population of 0): the region fails, the others run.
	Problems scenarios.Problems
}

// Label names the region in messages: its name, else its line or file.
func (r *Region) Label() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.Line > 0:
		return fmt.Sprintf("row %d", r.Line)
	}
	return r.File
}

// The columns of a regions table that are not scenario paths.
const (
	colRegion     = "region"
	colCode       = "code"
	colPopulation = "population"
)

// ReadRegions reads a regions table (CSV with a header row): a row per
// region with its name (region), population, an optional code and any
// scenario paths of the template, whose values replace the template's for
// that region. Other numeric columns (over75, …) may serve the national
// key; a column of words other than the known ones is an error unless it
// is a path. Problems of the table as a whole (a column that is no path of
// the template, a duplicate region, no population column) are returned as
// an error; problems of one row stay with its region.
func ReadRegions(file string, r io.Reader, template *scenarios.Scenario) ([]*Region, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, scenarios.Problems{{File: file, Msg: "the regions table is empty: it needs a header row (region,population,…) and a row per region"}}
		}
		return nil, scenarios.Problems{{File: file, Line: 1, Msg: fmt.Sprintf("not a CSV table: %s", err)}}
	}
	for i := range head {
		head[i] = strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff"))
	}
	var probs scenarios.Problems
	cols := map[string]int{}
	paths := template.Paths()
	for j, h := range head {
		switch {
		case h == "":
			probs = append(probs, scenarios.Problem{File: file, Line: 1, Key: fmt.Sprintf("column %d", j+1), Msg: "has no name"})
			continue
		case cols[h] > 0 || (j > 0 && slices.Index(head[:j], h) >= 0):
			probs = append(probs, scenarios.Problem{File: file, Line: 1, Key: h, Msg: "is a column twice"})
			continue
		}
		cols[h] = j + 1
		if h == colRegion || h == colCode || h == colPopulation || !strings.Contains(h, ".") {
			continue // a known column, or a number for the key
		}
		if _, err := template.GetFloat(h); err != nil {
			p := scenarios.Problem{File: file, Line: 1, Key: h, Msg: "is not a path of a number of the template"}
			var pe *scenarios.PathError
			if errors.As(err, &pe) {
				p.Msg = fmt.Sprintf("is not a path of a number of the template: %s", pe.Msg)
				p.Hint = pe.Hint
			}
			if p.Hint == "" {
				p.Hint = scenarios.Suggest(h, paths)
			}
			probs = append(probs, p)
		}
	}
	for _, need := range []string{colRegion, colPopulation} {
		if cols[need] == 0 {
			probs = append(probs, scenarios.Problem{File: file, Line: 1, Key: need, Msg: fmt.Sprintf("missing: the regions table needs a column %s", need),
				Hint: scenarios.Suggest(need, head)})
		}
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var regions []*Region
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, scenarios.Problems{{File: file, Line: line, Msg: fmt.Sprintf("not a CSV row: %s", err)}}
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		reg := &Region{File: file, Line: line, Columns: map[string]float64{}, Values: map[string]float64{}, Text: map[string]string{}}
		if len(rec) > len(head) {
			reg.Problems = append(reg.Problems, scenarios.Problem{File: file, Line: line,
				Msg: fmt.Sprintf("%d fields for a header of %d columns", len(rec), len(head))})
		}
		for h, j := range cols {
			if j-1 >= len(rec) {
				continue
			}
			v := strings.TrimSpace(rec[j-1])
			switch h {
			case colRegion:
				reg.Name = v
			case colCode:
				reg.Code = v
			default:
				x, err := parseNumber(v)
				if err != nil && (h == colPopulation || strings.Contains(h, ".")) {
					reg.Problems = append(reg.Problems, scenarios.Problem{File: file, Line: line, Key: h, Msg: err.Error()})
					continue
				}
				if err != nil {
					// A column of words (the zorgkantoor, a source): kept,
					// and an error only where the key weighs it.
					reg.Text[h] = err.Error()
					continue
				}
				if math.IsNaN(x) {
					continue // empty: the template's value stays
				}
				if strings.Contains(h, ".") {
					reg.Values[h] = x
				} else {
					reg.Columns[h] = x
				}
				if h == colPopulation {
					reg.Population = x
				}
			}
		}
		switch {
		case reg.Name == "":
			reg.Problems = append(reg.Problems, scenarios.Problem{File: file, Line: line, Key: colRegion, Msg: "missing: the region's name"})
		case seen[reg.Name] > 0:
			probs = append(probs, scenarios.Problem{File: file, Line: line, Key: colRegion,
				Msg: fmt.Sprintf("duplicate region %q: already on line %d", reg.Name, seen[reg.Name])})
		default:
			seen[reg.Name] = line
		}
		if !(reg.Population > 0) && !hasKey(reg.Problems, colPopulation) {
			reg.Problems = append(reg.Problems, scenarios.Problem{File: file, Line: line, Key: colPopulation,
				Msg: fmt.Sprintf("%v is not a population: a region needs inhabitants", reg.Population)})
		}
		regions = append(regions, reg)
	}
	if len(regions) == 0 {
		probs = append(probs, scenarios.Problem{File: file, Msg: "no regions: the table has a header but no rows"})
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return regions, nil
}

// parseNumber reads a number of a regions table: empty is NaN (the
// template's value stays); 1_000 and 1000 are a thousand; a decimal comma
// is refused with a hint, as in scenario files.
func parseNumber(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil {
		if strings.Contains(s, ",") {
			return 0, fmt.Errorf("%q is not a number: write decimals with a dot (%s)", s, strings.ReplaceAll(s, ",", "."))
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return x, nil
}

// KeyColumns checks that the national key names columns the regions have;
// population always is one.
func KeyColumns(file string, key map[string]float64, regions []*Region) error {
	var probs scenarios.Problems
	for _, c := range slices.Sorted(maps.Keys(key)) {
		if c == colPopulation {
			continue
		}
		for _, r := range regions {
			if why, ok := r.Text[c]; ok {
				probs = append(probs, scenarios.Problem{File: r.File, Line: r.Line, Key: c, Msg: fmt.Sprintf("the national key weighs this column: %s", why)})
				continue
			}
			if _, ok := r.Columns[c]; !ok && len(r.Problems) == 0 {
				var known []string
				for k := range r.Columns {
					known = append(known, k)
				}
				probs = append(probs, scenarios.Problem{File: file, Key: "national.key." + c,
					Msg: fmt.Sprintf("names the column %q, which region %s does not have", c, r.Label()), Hint: scenarios.Suggest(c, known)})
				break
			}
		}
	}
	if len(probs) > 0 {
		return probs
	}
	return nil
}

func hasKey(ps scenarios.Problems, key string) bool {
	return slices.ContainsFunc(ps, func(p scenarios.Problem) bool { return p.Key == key })
}
