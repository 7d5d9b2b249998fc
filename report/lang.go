package report

import (
	"fmt"
	"math"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Lang is the language of labels and the style of numbers.
type Lang struct {
	Code string // "en" or "nl"
	p    *message.Printer
	// names are the names of a scenario's elements by id (WithNames).
	names map[string]string
}

// Languages are the codes NewLang accepts.
var Languages = []string{"en", "nl"}

// NewLang returns the language with the given code ("en" or "nl").
func NewLang(code string) (Lang, error) {
	switch code {
	case "en":
		return Lang{Code: code, p: message.NewPrinter(language.English)}, nil
	case "nl":
		return Lang{Code: code, p: message.NewPrinter(language.Dutch)}, nil
	}
	return Lang{}, fmt.Errorf("unknown language %q: use en or nl", code)
}

// English and Dutch, ready to use.
var (
	English, _ = NewLang("en")
	Dutch, _   = NewLang("nl")
)

// T returns the label for key in this language; an unknown key is
// returned as is (and a test makes sure none is missing).
func (l Lang) T(key string) string {
	if m, ok := labels[key]; ok {
		if l.Code == "nl" {
			return m[1]
		}
		return m[0]
	}
	return key
}

// Term returns the word for key in this language, with csvKey as the
// stable word programs read.
func (l Lang) Term(key, csvKey string) Term {
	return Term{Key: csvKey, Label: l.T(key)}
}

// Tf formats the label for key with args.
func (l Lang) Tf(key string, args ...any) string { return fmt.Sprintf(l.T(key), args...) }

// Money formats whole euros: € 1.234.567 (nl) or €1,234,567 (en).
func (l Lang) Money(v float64) string {
	v = math.Round(v)
	if v == 0 {
		v = 0 // no "-0"
	}
	digits := l.p.Sprint(number.Decimal(math.Abs(v), number.MaxFractionDigits(0)))
	sign := ""
	if v < 0 {
		sign = "-"
	}
	if l.Code == "nl" {
		return "€ " + sign + digits
	}
	return sign + "€" + digits
}

// Short formats euros compactly: € 1,2 mln / €1.2M, € 450k / €450k.
func (l Lang) Short(v float64) string {
	if math.Abs(v) < 0.5 {
		v = 0 // no "-€0"
	}
	a := math.Abs(v)
	sign := ""
	if v < 0 {
		sign = "-"
	}
	var num, unit string
	// One decimal below ten of a unit (€1.5k, € 4,1 mln), none above; a
	// decimal of 0 is dropped (€2k, not €2.0k).
	short := func(x float64) string {
		if x >= 9.95 {
			return l.Decimal(x, 0)
		}
		d := l.Decimal(x, 1)
		return strings.TrimSuffix(strings.TrimSuffix(d, ".0"), ",0")
	}
	switch {
	case a >= 1e9:
		num, unit = short(a/1e9), map[string]string{"en": "bn", "nl": " mld"}[l.Code]
	case a >= 1e6:
		num, unit = short(a/1e6), map[string]string{"en": "M", "nl": " mln"}[l.Code]
	case a >= 1e3:
		num, unit = short(a/1e3), "k"
	default:
		num = l.Decimal(a, 0)
	}
	if l.Code == "nl" {
		return "€ " + sign + num + unit
	}
	return sign + "€" + num + unit
}

// SignedMoney formats a difference in euros with its sign: +€1,234 (en),
// € +1.234 (nl).
func (l Lang) SignedMoney(v float64) string {
	s := l.Money(v)
	if math.Round(v) <= 0 {
		return s
	}
	if l.Code == "nl" {
		return "€ +" + strings.TrimPrefix(s, "€ ")
	}
	return "+" + s
}

// Decimal formats a number with the given number of decimals.
func (l Lang) Decimal(v float64, decimals int) string {
	if math.Abs(v) < 0.5*math.Pow(10, -float64(decimals)) {
		v = 0
	}
	return l.p.Sprint(number.Decimal(v, number.MinFractionDigits(decimals), number.MaxFractionDigits(decimals)))
}

// Percent formats a fraction as a whole percentage: 0.376 is "38%".
func (l Lang) Percent(v float64) string { return l.Decimal(v*100, 0) + "%" }

// Rate formats a rate with up to two decimals: 0.0225 is "2.25%" / "2,25%".
func (l Lang) Rate(v float64) string {
	s := l.Decimal(v*100, 2)
	sep := "."
	if l.Code == "nl" {
		sep = ","
	}
	s = strings.TrimRight(strings.TrimRight(s, "0"), sep)
	return s + "%"
}
