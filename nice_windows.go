//go:build windows

package main

import "golang.org/x/sys/windows"

// beNice puts the process in background mode: lower CPU, disk and memory
// priority, as Windows gives to indexing and backup.
func beNice() error {
	return windows.SetPriorityClass(windows.CurrentProcess(), windows.PROCESS_MODE_BACKGROUND_BEGIN)
}
