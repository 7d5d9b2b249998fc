package scenarios

import (
	"fmt"
	"strings"
	"testing"
)

func TestScratch(t *testing.T) {
	src, _ := ExampleSource("small")
	s := strings.Replace(string(src), `name = "Kleine regio"`, `name = "Regio \"[Noord\""`, 1)
	s = strings.Replace(s, `turnover = 3_000_000`, `turnovr = 3_000_000`, 1)
	s = strings.Replace(s, "horizon = 5 ", "horizn = 5 ", 1)
	_, err := Parse("x.toml", []byte(s))
	fmt.Println(err)
}
