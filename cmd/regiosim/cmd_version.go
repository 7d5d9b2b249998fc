package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildVersion, when a build sets it (-ldflags "-X main.buildVersion=…",
// as the Dockerfile does with the commit), is the version.
var buildVersion string

// version is regiosim's version: buildVersion when set, else from the
// module's build information: the module version when installed with go
// install, else the VCS revision (with "+dirty" for uncommitted changes),
// else "devel".
func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return "devel-" + rev + dirty
	}
	if v == "" || v == "(devel)" {
		return "devel"
	}
	return v
}

func newVersionCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print regiosim's version",
		Long: `Print regiosim's version (the module version, or the source revision of a
build from a checkout) and the Go version it was built with.

Exit codes: 0 ok.`,
		Example: `  regiosim version
  regiosim --version`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info, _ := debug.ReadBuildInfo()
			goVersion := "unknown"
			if info != nil {
				goVersion = info.GoVersion
			}
			fmt.Fprintf(g.stdout, "regiosim %s (%s)\n", version(), goVersion)
			return nil
		},
	}
}
