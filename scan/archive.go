package scan

import (
	"archive/zip"
	"context"
	"io"
	"strconv"
)

// zip archives are read member by member: each member is a file in its own
// right, named "archive.zip!/名簿.csv", with a record of its own. Nested
// archives are read to maxArchiveDepth. The archive's own record says it
// was read; what its members hold is in theirs.
const (
	maxArchiveDepth   = 3      // archive in archive in archive; deeper ones are listed, not read
	maxArchiveMembers = 100000 // members read from one archive; the rest are not listed
)

func init() { zipKinds[FormatZip] = extractArchive }

// memberEmitter hands a member to the scan: it asks the Handler for a
// sink, runs read into it and sends the member's record to the writer.
// read is nil for a member that is not read (encrypted, too deep).
type memberEmitter func(member *File, read func(Sink) error)

type emitterKey struct{}
type depthKey struct{}

// withEmitter returns ctx carrying the emitter of a scan's worker.
func withEmitter(ctx context.Context, emit memberEmitter) context.Context {
	return context.WithValue(ctx, emitterKey{}, emit)
}

func archiveDepth(ctx context.Context) int {
	d, _ := ctx.Value(depthKey{}).(int)
	return d
}

func extractArchive(ctx context.Context, f *File, ra io.ReaderAt, size int64, _ Sink, lim Limits) error {
	emit, _ := ctx.Value(emitterKey{}).(memberEmitter)
	if emit == nil {
		f.Status, f.Reason = StatusSkipped, "zip archive: members are read in a scan"
		return nil
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return containerFail(f, "zip", err)
	}
	depth := archiveDepth(ctx) + 1
	inner := context.WithValue(ctx, depthKey{}, depth)
	budget := lim.MaxUnpacked
	for i, zf := range zr.File {
		if ctx.Err() != nil {
			return containerFail(f, "zip", ctx.Err())
		}
		if i == lim.MaxMembers {
			f.Truncated = true
			break
		}
		if zf.FileInfo().IsDir() {
			continue
		}
		emitMember(inner, emit, f, zf, depth, &budget, lim)
	}
	return nil
}

// emitMember hands one member to the scan, or records why it is not read.
func emitMember(ctx context.Context, emit memberEmitter, f *File, zf *zip.File, depth int, budget *int64, lim Limits) {
	m := &File{Root: f.Root, Rel: f.Rel + "!/" + zf.Name, Path: f.Path, Size: int64(zf.UncompressedSize64), ModTime: zf.Modified, Exposure: f.Exposure}
	switch {
	case zf.Flags&0x1 != 0: // the zip encryption bit
		m.Status, m.Reason = StatusProtected, "encrypted zip member"
		emit(m, nil)
		return
	case depth > lim.MaxDepth:
		m.Status, m.Reason = StatusSkipped, "inside more than "+strconv.Itoa(lim.MaxDepth)+" nested archives (--max-depth)"
		emit(m, nil)
		return
	}
	if err := chargeMember(zf, budget); err != nil {
		m.Status, m.Reason = StatusError, err.Error()
		emit(m, nil)
		return
	}
	emit(m, func(s Sink) error {
		rc, err := zf.Open()
		if err != nil {
			m.Status, m.Reason = StatusError, partReason(zf.Name, err)
			return nil
		}
		defer rc.Close()
		return Extract(ctx, m, rc, s, lim)
	})
}
