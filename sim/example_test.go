package sim_test

import (
	"fmt"

	"github.com/regiosim/regiosim/scenarios"
	"github.com/regiosim/regiosim/sim"
)

// A wallet of two parties funds one initiative: the figures follow by hand
// (0.1 % of 1 M and of 2 M is 3 000 a year; the initiative needs 2 500).
func ExampleRun() {
	s, err := scenarios.Parse("example.toml", []byte(`
[region]
name = "Voorbeeld"
first_year = 2026
horizon = 2
[[party]]
id = "zv"
kind = "insurer"
turnover = 1_000_000
[[party]]
id = "gemeente"
kind = "municipality"
turnover = 2_000_000
[[party]]
id = "welzijn"
kind = "social_work"
[[initiative]]
id = "valpreventie"
provider = "welzijn"
cost = 2_500
savings = { zv = 4_000 }
[[instrument]]
type = "wallet"
id = "portemonnee"
rate = 0.001
contributors = ["zv", "gemeente"]
funds = ["valpreventie"]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := sim.Run(s, sim.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Parties {
		fmt.Printf("%-8s paid %6.0f saved %6.0f net %6.0f\n", p.ID, p.Total.Paid, p.Total.Saved, p.Total.Net)
	}
	fmt.Printf("wallet balance at the end: %.0f\n", r.Instruments[0].Balance[1])
	// Output:
	// zv       paid   2000 saved   8000 net   6000
	// gemeente paid   4000 saved      0 net  -4000
	// welzijn  paid   5000 saved      0 net      0
	// wallet balance at the end: 1000
}
