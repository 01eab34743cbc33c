package main

import (
	"os"
	"testing"
)

// TestMain keeps the tests' state files, manifests and rules out of the
// user's own configuration directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mamori-test-config-")
	if err != nil {
		panic(err)
	}
	for _, v := range []string{"XDG_CONFIG_HOME", "HOME", "AppData"} {
		os.Setenv(v, dir)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
