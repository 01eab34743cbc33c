//go:build linux

package main

import "golang.org/x/sys/unix"

// I/O priority classes of ioprio_set(2).
const (
	ioprioWhoProcess = 1
	ioprioClassIdle  = 3
	ioprioClassShift = 13
)

// idleIO puts the process's disk reads in the idle class: the kernel
// serves them when no one else wants the disk.
func idleIO() error {
	_, _, errno := unix.Syscall(unix.SYS_IOPRIO_SET, ioprioWhoProcess, 0, ioprioClassIdle<<ioprioClassShift)
	if errno != 0 {
		return errno
	}
	return nil
}
