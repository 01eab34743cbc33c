package scan

import (
	"context"
	"io"
	"sync"
	"time"
)

// Limiter is a token bucket shared by the workers of a scan, for --rate
// (tokens are bytes) and --files-per-second (tokens are files). A nil
// *Limiter does not limit. Safe for concurrent use.
//
// Wait takes its tokens at once and sleeps off any debt, so a request
// larger than the bucket (a 2 GiB file at 10 MB/s) is allowed and makes
// the callers after it wait; the average rate holds over any span longer
// than a burst.
type Limiter struct {
	mu     sync.Mutex
	rate   float64 // tokens per second
	burst  float64 // the most tokens saved up while idle
	tokens float64 // may be negative: debt
	last   time.Time
	now    func() time.Time // replaced in tests
}

// NewLimiter limits to perSecond tokens a second, saving up at most one
// second's worth while idle. perSecond <= 0 returns nil: no limit.
func NewLimiter(perSecond float64) *Limiter {
	if perSecond <= 0 {
		return nil
	}
	l := &Limiter{rate: perSecond, burst: perSecond, now: time.Now}
	l.last = l.now()
	l.tokens = l.burst
	return l
}

// Wait takes n tokens, sleeping until the bucket has paid for them or ctx
// ends (then it returns ctx.Err()).
func (l *Limiter) Wait(ctx context.Context, n int64) error {
	d := l.reserve(n)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// reserve takes n tokens and returns how long the caller must wait.
func (l *Limiter) reserve(n int64) time.Duration {
	if l == nil || n <= 0 {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	l.last = now
	l.tokens -= float64(n)
	if l.tokens >= 0 {
		return 0
	}
	return time.Duration(-l.tokens / l.rate * float64(time.Second))
}

// LimitReader returns r read at l's rate: each Read waits for the bytes it
// returned. With a nil l it returns r.
func LimitReader(ctx context.Context, r io.Reader, l *Limiter) io.Reader {
	if l == nil {
		return r
	}
	return &limitedReader{ctx: ctx, r: r, l: l}
}

type limitedReader struct {
	ctx context.Context
	r   io.Reader
	l   *Limiter
}

func (lr *limitedReader) Read(p []byte) (int, error) {
	n, err := lr.r.Read(p)
	if werr := lr.l.Wait(lr.ctx, int64(n)); werr != nil && err == nil {
		err = werr
	}
	return n, err
}
