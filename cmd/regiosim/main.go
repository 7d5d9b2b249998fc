// Command regiosim simulates how a Dutch care region can finance
// cross-domain care over ten years. See `regiosim --help`.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
