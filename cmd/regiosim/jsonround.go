package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// writeMoneyJSON writes v as JSON whose numbers read as a person expects
// them: euros to the cent, and shares, ratios and rates to six significant
// digits (a key names which: see isShareKey). Years and counts are whole
// numbers and stay as they are. For the outputs of run, compare, explain
// and business-case, whose numbers are all euros, years, counts or shares;
// the analysis outputs (stress, tornado, solve) keep full precision,
// because their parameter values are inputs to a next run.
func writeMoneyJSON(w io.Writer, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var b bytes.Buffer
	if err := roundValue(dec, &b, ""); err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// roundValue copies one JSON value from dec to b, rounding its numbers by
// the key they stand under (an array's elements stand under its key).
func roundValue(dec *json.Decoder, b *bytes.Buffer, key string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			b.WriteByte('{')
			for i := 0; dec.More(); i++ {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				name, _ := k.(string)
				if i > 0 {
					b.WriteByte(',')
				}
				q, _ := json.Marshal(name)
				b.Write(q)
				b.WriteByte(':')
				if err := roundValue(dec, b, name); err != nil {
					return err
				}
			}
			b.WriteByte('}')
		case '[':
			b.WriteByte('[')
			for i := 0; dec.More(); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				if err := roundValue(dec, b, key); err != nil {
					return err
				}
			}
			b.WriteByte(']')
		}
		_, err := dec.Token() // the closing delimiter
		return err
	case json.Number:
		f, err := t.Float64()
		if err != nil {
			return err
		}
		b.WriteString(roundNumber(key, f))
	default:
		q, err := json.Marshal(t)
		if err != nil {
			return err
		}
		b.Write(q)
	}
	return nil
}

// roundNumber is f as JSON: six significant digits for a share, else to
// the cent; never "-0".
func roundNumber(key string, f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		panic(fmt.Sprintf("JSON number %v under %q", f, key)) // json.Marshal refuses these first
	}
	var s string
	if isShareKey(key) {
		s = strconv.FormatFloat(f, 'g', 6, 64)
		if g, err := strconv.ParseFloat(s, 64); err == nil {
			s = strconv.FormatFloat(g, 'f', -1, 64) // 0.123457, not 1.23457e-01
		}
	} else {
		s = strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// isShareKey reports whether a JSON key holds a share, ratio or rate
// rather than euros.
func isShareKey(key string) bool {
	k := strings.ToLower(key)
	for _, w := range []string{"share", "ratio", "coverage", "irr", "rate", "threshold", "growth"} {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}
