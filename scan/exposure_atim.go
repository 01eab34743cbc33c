//go:build linux || openbsd || solaris || illumos || aix

package scan

import (
	"syscall"
	"time"
)

// accessTime is the last access recorded in st.
func accessTime(st *syscall.Stat_t) time.Time {
	return time.Unix(int64(st.Atim.Sec), int64(st.Atim.Nsec))
}
