package scan

import (
	"bytes"
	"context"
	"io"
	"testing"
	"time"
)

func TestLimiterDebt(t *testing.T) {
	clock := time.Date(2026, 4, 1, 22, 0, 0, 0, time.UTC)
	l := NewLimiter(100) // 100 tokens a second, burst 100
	l.now = func() time.Time { return clock }
	l.last, l.tokens = clock, l.burst
	for name, tc := range []struct {
		advance time.Duration
		n       int64
		want    time.Duration
	}{
		{0, 100, 0},                     // the saved burst
		{0, 50, 500 * time.Millisecond}, // debt of 50 at 100/s
		{0, 1000, 10500 * time.Millisecond},
		{20 * time.Second, 10, 0}, // idle long: the debt is paid and the bucket full again
	} {
		clock = clock.Add(tc.advance)
		if got := l.reserve(tc.n); got != tc.want {
			t.Errorf("step %d: wait %v, want %v", name, got, tc.want)
		}
	}
}

func TestLimiterNil(t *testing.T) {
	var l *Limiter
	if NewLimiter(0) != nil {
		t.Error("a zero rate built a limiter")
	}
	if err := l.Wait(context.Background(), 1<<40); err != nil {
		t.Error(err)
	}
	r := bytes.NewReader([]byte("abc"))
	if LimitReader(context.Background(), r, nil) != io.Reader(r) {
		t.Error("nil limiter wrapped the reader")
	}
}

func TestLimitReaderCancelled(t *testing.T) {
	l := NewLimiter(1) // one byte a second
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := io.ReadAll(LimitReader(ctx, bytes.NewReader(make([]byte, 100)), l))
	if err != context.Canceled {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestLimitReaderRate(t *testing.T) {
	l := NewLimiter(1 << 20) // 1 MiB/s, 1 MiB saved
	start := time.Now()
	n, err := io.Copy(io.Discard, LimitReader(context.Background(), bytes.NewReader(make([]byte, 1<<20+256<<10)), l))
	if err != nil || n != 1<<20+256<<10 {
		t.Fatal(n, err)
	}
	// The second quarter MiB waits a quarter second. (Logged, not asserted: tests never assert a time.)
	t.Logf("1.25 MiB at 1 MiB/s with 1 MiB burst took %v", time.Since(start))
}
