package sim

import (
	"strings"
	"testing"

	"github.com/regiosim/regiosim/scenarios"
)

// TestWalletCapOneNumber: cap = 200_000 caps every contributor alike, as
// a table naming each would; a party's own entry goes before it. By hand:
// a pays min(1 % × 100M, 300k) = 300k with its own cap, b min(1 % × 50M,
// 200k) = 200k a year.
func TestWalletCapOneNumber(t *testing.T) {
	const base = `[region]
first_year = 2026
horizon = 3
[[party]]
id = "a"
kind = "insurer"
turnover = 100_000_000
[[party]]
id = "b"
kind = "municipality"
turnover = 50_000_000
[[instrument]]
type = "wallet"
id = "w"
contributors = ["a", "b"]
rate = 0.01
funds = []
`
	paid := func(capLine string) (a, b float64) {
		t.Helper()
		s, err := scenarios.Parse("cap.toml", []byte(base+capLine+"\n"))
		if err != nil && len(err.(scenarios.Problems).Errors()) > 0 {
			t.Fatalf("%s: %v", capLine, err)
		}
		r, err := Run(s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return r.Parties[0].Total.Paid, r.Parties[1].Total.Paid
	}
	a1, b1 := paid("cap = 200_000")
	a2, b2 := paid("cap = { a = 200_000, b = 200_000 }")
	if a1 != a2 || b1 != b2 || a1 != 3*200_000 || b1 != 3*200_000 {
		t.Errorf("one number: %v %v; per party: %v %v; want 600000 each", a1, b1, a2, b2)
	}
	a3, b3 := paid(`cap = { a = 300_000, "*" = 200_000 }`)
	if a3 != 3*300_000 || b3 != 3*200_000 {
		t.Errorf("own entry before every: %v %v, want 900000 600000", a3, b3)
	}
	_, err := scenarios.Parse("cap.toml", []byte(base+"cap = \"veel\"\n"))
	if err == nil || !strings.Contains(err.Error(), "expected a number for every party, or a table") {
		t.Errorf("a text cap: %v", err)
	}
}
