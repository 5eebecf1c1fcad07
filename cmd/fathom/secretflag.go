package main

import (
	"flag"
	"fmt"
)

// secretValue is a flag holding a secret (an API key, a token, a webhook
// secret). Its String is empty whatever it holds, so that neither --help
// nor the usage printed after a wrong flag ever shows it: the usage line
// says only whether the environment set it.
type secretValue struct{ p *string }

func (v secretValue) String() string     { return "" }
func (v secretValue) Set(s string) error { *v.p = s; return nil }

// secretVar defines a secret flag whose default comes from the environment
// variable envVar; the usage ends with "(env VAR: set)" or "(env VAR: not
// set)" instead of the value.
func secretVar(fs *flag.FlagSet, env *environment, p *string, name, envVar, usage string) {
	*p = env.getenv(envVar)
	fs.Var(secretValue{p}, name, fmt.Sprintf("%s (env %s: %s)", usage, envVar, setOrNot(*p)))
}

// secretString is secretVar returning a new string.
func secretString(fs *flag.FlagSet, env *environment, name, envVar, usage string) *string {
	p := new(string)
	secretVar(fs, env, p, name, envVar, usage)
	return p
}

func setOrNot(s string) string {
	if s == "" {
		return "not set"
	}
	return "set"
}
