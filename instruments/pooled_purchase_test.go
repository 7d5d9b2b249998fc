package instruments_test

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// pool is a valid pooled purchase on base (check_test.go): zv puts in 1 %
// of its flow f, gem an amount; the savings are shared 50/50. Its lines,
// from 1: [[instrument]], type, id, payers, flows, amounts, funds,
// savings_key.
func pool(payers, flows, amounts, funds, key string) string {
	return "[[instrument]]\ntype = \"pooled_purchase\"\nid = \"p\"\n" + payers + "\n" + flows + "\n" + amounts + "\n" + funds + "\n" + key + "\n"
}

const (
	goodPayers  = `payers = ["zv", "gem"]`
	goodFlows   = `flows = { f = 0.01 }`
	goodAmounts = `amounts = { gem = 1_000 }`
	goodFunds   = `funds = ["x"]`
	goodKey     = `savings_key = { zv = 0.5, gem = 0.5 }`
)

func TestPoolIsValid(t *testing.T) {
	for _, key := range []string{goodKey, `savings_key = "contributions"`, `savings_key = { zv = 1, gem = 0 }`} {
		if _, err := scenarios.Parse("s.toml", []byte(base+pool(goodPayers, goodFlows, goodAmounts, goodFunds, key))); err != nil {
			t.Errorf("%s: %v", key, err)
		}
	}
}

// TestPoolProblems: each bad input gives one problem, at its key and
// line, with what to do.
func TestPoolProblems(t *testing.T) {
	cases := []struct {
		name     string
		toml     string
		key      string
		line     int // within the pool, 1 = [[instrument]]
		msg, hnt string
	}{
		{"key not summing to 1", pool(goodPayers, goodFlows, goodAmounts, goodFunds, `savings_key = { zv = 0.5, gem = 0.4 }`),
			"instrument.p.savings_key", 8, "the shares add up to 0.9, not 1", ""},
		{"key naming a party that does not pay in", pool(goodPayers, goodFlows, goodAmounts, goodFunds, `savings_key = { zv = 0.5, wz = 0.5 }`),
			"instrument.p.savings_key.wz", 8, `"wz" does not pay into the pool: the key shares the savings between the payers (zv, gem)`, ""},
		{"key naming an unknown party", pool(goodPayers, goodFlows, goodAmounts, goodFunds, `savings_key = { zv = 0.5, gemm = 0.5 }`),
			"instrument.p.savings_key.gemm", 8, `unknown party "gemm"`, `did you mean "gem"?`},
		{"key share above 1", pool(goodPayers, goodFlows, goodAmounts, goodFunds, `savings_key = { zv = 1.5 }`),
			"instrument.p.savings_key.zv", 8, "1.5 is outside 0..1", ""},
		{"key word misspelt", pool(goodPayers, goodFlows, goodAmounts, goodFunds, `savings_key = "contribution"`),
			"instrument.p.savings_key", 8, `unknown savings key "contribution"`, `did you mean "contributions"?`},
		{"key missing", pool(goodPayers, goodFlows, goodAmounts, goodFunds, ""),
			"instrument.p.savings_key", 1, "missing: how the payers share the savings", ""},
		{"no payers", pool("", goodFlows, goodAmounts, goodFunds, goodKey),
			"instrument.p.payers", 1, "missing: a pool needs payers", ""},
		{"a flow that is not the payer's", pool(`payers = ["gem"]`, goodFlows, goodAmounts, goodFunds, `savings_key = { gem = 1 }`),
			"instrument.p.flows.f", 5, `the flow is paid by "zv", which is not a payer of the pool (gem)`, ""},
		{"an unknown flow", pool(goodPayers, `flows = { ff = 0.01 }`, `amounts = { gem = 1_000, zv = 1_000 }`, goodFunds, goodKey),
			"instrument.p.flows.ff", 5, `unknown flow "ff"`, `did you mean "f"?`},
		{"a payer that puts nothing in", pool(goodPayers, "", goodAmounts, goodFunds, goodKey),
			"instrument.p.payers[0]", 4, `"zv" puts nothing into the pool`, ""},
		{"a rate of a party that is not a payer", pool(`payers = ["zv"]`, goodFlows, `rates = { gem = 0.01 }`, goodFunds, `savings_key = { zv = 1 }`),
			"instrument.p.rates.gem", 6, `unknown payer "gem"`, ""},
		{"a flow share above 1", pool(goodPayers, `flows = { f = 1.2 }`, goodAmounts, goodFunds, goodKey),
			"instrument.p.flows.f", 5, "1.2 is outside 0..1", ""},
		{"a negative turnover rate", pool(goodPayers, goodFlows, `rates = { gem = -0.01 }`, goodFunds, goodKey),
			"instrument.p.rates.gem", 6, "-0.01 is outside 0..1", ""},
		{"an unknown initiative", pool(goodPayers, goodFlows, goodAmounts, `funds = ["xx"]`, goodKey),
			"instrument.p.funds[0]", 7, `unknown initiative "xx"`, `did you mean "x"?`},
		{"no initiatives", pool(goodPayers, goodFlows, goodAmounts, "", goodKey),
			"instrument.p.funds", 1, "missing: the initiatives the pool buys", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := scenarios.Parse("s.toml", []byte(base+c.toml))
			probs, ok := err.(scenarios.Problems)
			if !ok {
				t.Fatalf("want problems, got %v", err)
			}
			var errs scenarios.Problems
			for _, p := range probs {
				if !p.Warning {
					errs = append(errs, p)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("want one problem, got %d:\n%v", len(errs), errs.Error())
			}
			p := errs[0]
			if p.Key != c.key || p.Line != baseLines+c.line || !strings.Contains(p.Msg, c.msg) || !strings.Contains(p.Hint, c.hnt) {
				t.Errorf("got %s (key %s, line %d), want key %s, line %d, message with %q, hint with %q", p, p.Key, p.Line, c.key, baseLines+c.line, c.msg, c.hnt)
			}
			// Every problem reads in Dutch.
			if _, ok := scenarios.Dutch(p.Msg); !ok {
				t.Errorf("no Dutch text for %q", p.Msg)
			}
		})
	}
}
