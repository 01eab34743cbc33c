//go:build darwin || ios || freebsd || netbsd || dragonfly

package scan

import (
	"syscall"
	"time"
)

// accessTime is the last access recorded in st.
func accessTime(st *syscall.Stat_t) time.Time {
	return time.Unix(int64(st.Atimespec.Sec), int64(st.Atimespec.Nsec))
}
