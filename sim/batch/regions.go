package batch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"regexp"
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
//
// The separator is read from the header: a comma, or a semicolon (or a
// tab) as Excel writes CSV under a Dutch locale. In a table separated by
// semicolons a number takes a decimal comma (1,5) and may group its
// thousands with dots (1.234,5); a number such as 1.500 is refused there
// as ambiguous. A byte order mark is ignored, and region, code and
// population are known in any case (Population).
func ReadRegions(file string, r io.Reader, template *scenarios.Scenario) ([]*Region, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, scenarios.Problems{{File: file, Msg: fmt.Sprintf("not a CSV table: %s", err)}}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	sep := separator(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.Comma = sep
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, scenarios.Problems{{File: file, Msg: "the regions table is empty: it needs a header row (region,population,…) and a row per region"}}
		}
		return nil, scenarios.Problems{{File: file, Line: errLine(err, 1), Msg: fmt.Sprintf("not a CSV table: %s", csvReason(err))}}
	}
	for i := range head {
		head[i] = strings.TrimSpace(strings.TrimPrefix(head[i], "\ufeff"))
		for _, known := range []string{colRegion, colCode, colPopulation} {
			if strings.EqualFold(head[i], known) {
				head[i] = known
			}
		}
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
	// probe takes each path's value as the region's scenario will, so that
	// a value it cannot hold (a horizon of 1.5 years) is said at its row.
	probe := template.Copy()
	var regions []*Region
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, scenarios.Problems{{File: file, Line: errLine(err, 0), Msg: fmt.Sprintf("not a CSV row: %s", csvReason(err))}}
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		reg := &Region{File: file, Line: line, Columns: map[string]float64{}, Values: map[string]float64{}, Text: map[string]string{}}
		if len(rec) > len(head) || len(rec) < cols[colRegion] || len(rec) < cols[colPopulation] {
			// Fewer fields are fine while the row has its name and
			// population (the template's values stay for the rest).
			reg.Problems = append(reg.Problems, scenarios.Problem{File: file, Line: line,
				Msg: fmt.Sprintf("%d fields for a header of %d columns", len(rec), len(head))})
		}
		// In the header's order, so that a row's problems come in the
		// order of its columns.
		for j, h := range head {
			if cols[h] != j+1 || j >= len(rec) {
				continue
			}
			v := strings.TrimSpace(rec[j])
			switch h {
			case colRegion:
				reg.Name = v
			case colCode:
				reg.Code = v
			default:
				x, err := parseNumberSep(v, sep)
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
					if err := probe.Set(h, x); err != nil {
						p := scenarios.Problem{File: file, Line: line, Key: h, Msg: err.Error()}
						var pe *scenarios.PathError
						if errors.As(err, &pe) {
							p.Msg, p.Hint = pe.Msg, pe.Hint
						}
						reg.Problems = append(reg.Problems, p)
						continue
					}
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
		if !(reg.Population > 0) && !hasKey(reg.Problems, colPopulation) && len(rec) >= cols[colPopulation] {
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

// separator is the header's separator: a comma, unless the first line
// that is not a comment holds more semicolons (Excel under a Dutch
// locale) or tabs than commas, outside quotes.
func separator(data []byte) rune {
	for _, ln := range strings.Split(string(data), "\n") {
		ln = strings.TrimSpace(ln)
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		n := map[rune]int{}
		quoted := false
		for _, c := range ln {
			switch {
			case c == '"':
				quoted = !quoted
			case !quoted:
				n[c]++
			}
		}
		switch {
		case n[';'] > n[','] && n[';'] >= n['\t']:
			return ';'
		case n['\t'] > n[',']:
			return '\t'
		}
		return ','
	}
	return ','
}

// errLine is the line a CSV error names, else def.
func errLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		return pe.Line
	}
	return def
}

// csvReason is a CSV error without the reader's own "record on line N"
// (the problem names the line).
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			return "a quote (\") is not closed, or stands inside a field that does not start with one"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

// dutchGrouped is a number as Dutch Excel writes it with its thousands
// grouped and no decimals: 1.500, 324.924, 1.000.000.
var dutchGrouped = regexp.MustCompile(`^-?[1-9][0-9]{0,2}(\.[0-9]{3})+$`)

// parseNumberSep reads a number of a table separated by sep: in a table
// separated by semicolons, with a decimal comma and dots between the
// thousands (1.234,5); a number with dots only that reads as grouped
// thousands (1.500) is ambiguous there and refused.
func parseNumberSep(s string, sep rune) (float64, error) {
	if sep != ';' {
		return parseNumber(s)
	}
	switch {
	case strings.Contains(s, ","):
		n := strings.ReplaceAll(s, ".", "")
		if strings.Count(n, ",") == 1 {
			if x, err := parseNumber(strings.Replace(n, ",", ".", 1)); err == nil {
				return x, nil
			}
		}
		return 0, fmt.Errorf("%q is not a number", s)
	case dutchGrouped.MatchString(s):
		return 0, fmt.Errorf("%q is ambiguous in a table separated by semicolons: write %s for a whole number or %s with a decimal comma", s,
			strings.ReplaceAll(s, ".", ""), strings.ReplaceAll(s, ".", ","))
	}
	return parseNumber(s)
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
