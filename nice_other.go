//go:build unix && !linux

package main

// idleIO does nothing where there is no I/O priority to set.
func idleIO() error { return nil }
