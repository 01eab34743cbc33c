package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// Flags of `mamori scan` for overnight runs (state, progress, being a good
// neighbour), the organisation's own rules, and exposure.
func scanMoreFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "state", Category: "state", Usage: "remember what was scanned in `FILE` (SQLite, 0600; default: the user's config dir, mamori/state.db)"},
		&cli.BoolFlag{Name: "no-state", Category: "state", Usage: "keep no state: read every file, remember nothing"},
		&cli.BoolFlag{Name: "state-reset", Category: "state", Usage: "move a damaged or unwanted state file aside and start a new one"},
		&cli.BoolFlag{Name: "full", Category: "state", Usage: "read every file again, even those unchanged since the last scan"},
		&cli.BoolFlag{Name: "resume", Category: "state", Usage: "go on with an interrupted scan of the same roots (also done without asking)"},
		&cli.StringFlag{Name: "progress", Value: "auto", Category: "running", Usage: "auto (a live line on a terminal), bar, json (records on stderr) or none"},
		&cli.Float64Flag{Name: "rate", Category: "running", Usage: "read at most `MB/s` (megabytes a second)"},
		&cli.Float64Flag{Name: "files-per-second", Category: "running", Usage: "open at most `N` files a second"},
		&cli.BoolFlag{Name: "nice", Category: "running", Usage: "run at low CPU and I/O priority"},
		&cli.DurationFlag{Name: "max-duration", Category: "running", Usage: "stop cleanly after `DURATION` (e.g. 8h); the same command goes on where it stopped"},
		&cli.StringFlag{Name: "log", Category: "running", Usage: "append a structured log (JSON lines, 0600, no found values) to `FILE`"},
		&cli.StringFlag{Name: "rules", Category: "rules", Usage: "custom rules, dictionaries and allowlist from `FILE` (TOML; default: mamori/rules.toml in the user's config dir, when there)"},
		&cli.StringFlag{Name: "allow-key", Category: "rules", Usage: "key `FILE` of the allowlist's fingerprints (default: the rules file's fingerprint_key)"},
		&cli.StringFlag{Name: "roster", Category: "rules", Usage: "mark rows that match the organisation's roster `INDEX` (mamori roster import)"},
		&cli.StringFlag{Name: "roster-key", Category: "rules", Usage: "key `FILE` the roster index was made with"},
		&cli.BoolFlag{Name: "report-unused-allowlist", Category: "rules", Usage: "list the allowlist entries that matched nothing (reads every file again, as --full)"},
		&cli.StringFlag{Name: "smb-conf", Category: "exposure", Usage: "name the Samba shares that expose each file, from `FILE` (e.g. /etc/samba/smb.conf)"},
	}
}

// scanMoreFrom reads the flags of scanMoreFlags into o.
func scanMoreFrom(c *cli.Context, o *scanOptions) error {
	mode, err := parseProgressMode(c.String("progress"))
	if err != nil {
		return usageError{err}
	}
	if c.Float64("rate") < 0 || c.Float64("files-per-second") < 0 || c.Duration("max-duration") < 0 {
		return usageError{fmt.Errorf("--rate, --files-per-second and --max-duration cannot be negative")}
	}
	if c.Bool("no-state") && (c.IsSet("state") || c.Bool("resume") || c.Bool("state-reset")) {
		return usageError{fmt.Errorf("--no-state cannot go with --state, --resume or --state-reset")}
	}
	o.State = stateOptions{Path: c.String("state"), Off: c.Bool("no-state"), Reset: c.Bool("state-reset"), Full: c.Bool("full"), Resume: c.Bool("resume")}
	o.neighbourOptions = neighbourOptions{
		Progress:       mode,
		Rate:           c.Float64("rate") * 1e6,
		FilesPerSecond: c.Float64("files-per-second"),
		Nice:           c.Bool("nice"),
		MaxDuration:    c.Duration("max-duration"),
		Log:            c.String("log"),
	}
	o.rulesOptions = rulesOptions{
		Rules: c.String("rules"), AllowKey: c.String("allow-key"),
		Roster: c.String("roster"), RosterKey: c.String("roster-key"),
		ReportUnused: c.Bool("report-unused-allowlist"),
	}
	o.SMBConf = c.String("smb-conf")
	if o.ReportUnused {
		// Files carried from the state meet no allowlist entry: to tell
		// which entries match nothing, every file is read again.
		o.State.Full = true
	}
	return nil
}
