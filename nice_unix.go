//go:build unix

package main

import "golang.org/x/sys/unix"

// niceLevel is the CPU priority --nice asks for: the lowest but one of the
// usual range, so that interactive work and the file server come first.
const niceLevel = 10

// beNice lowers the process's CPU priority and, on Linux, puts its disk
// reads in the idle I/O class (see nice_linux.go).
func beNice() error {
	if err := unix.Setpriority(unix.PRIO_PROCESS, 0, niceLevel); err != nil {
		return err
	}
	return idleIO()
}
