package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release version, set by a release build with
// -ldflags "-X main.version=v1.2.3". Without it, the module version of a
// "go install …@version" build is shown, else "devel".
var version = ""

func runVersion(_ context.Context, env *environment, _ []string) error {
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(env.stdout, versionLine(version, bi))
	return nil
}

// versionLine is "fathom VERSION (commit REV, TIME[, modified]) GO OS/ARCH":
// the release version and the commit the binary was built from, as the Go
// toolchain records them (vcs.revision, vcs.time, vcs.modified) when it
// builds inside a git checkout.
func versionLine(release string, bi *debug.BuildInfo) string {
	v := release
	if v == "" && bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	if v == "" {
		v = "devel"
	}
	var rev, at, modified string
	if bi != nil {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
	}
	line := "fathom " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		line += " (commit " + rev
		if at != "" {
			line += ", " + at
		}
		if modified == "true" {
			line += ", modified"
		}
		line += ")"
	} else {
		// The toolchain records no commit outside a git checkout, nor with
		// -buildvcs=false, which GOFLAGS (go env) may set for every build.
		line += " (commit unknown: built outside a git checkout or with -buildvcs=false)"
	}
	return fmt.Sprintf("%s %s %s/%s", line, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
