// Command ferretdb-embedded runs FerretDB 1.24 in-process with the SQLite backend,
// listening on loopback only. It exists because `go install .../cmd/ferretdb@v1.24.2`
// produces a binary that panics at start (the published module lacks the generated
// build/version/version.txt); the embeddable package has no such need.
//
// Usage: ferretdb-embedded -addr 127.0.0.1:27017 -dir /tmp/ferretdb-data
// It prints "READY <addr>" on stdout once the listener accepts connections and stops
// cleanly on SIGINT/SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:27017", "TCP listen address (loopback only)")
	dir := flag.String("dir", "", "directory for the SQLite files (required)")
	flag.Parse()

	if *dir == "" {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded: -dir is required")
		os.Exit(2)
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !(host == "127.0.0.1" || host == "localhost" || host == "::1") {
		fmt.Fprintf(os.Stderr, "ferretdb-embedded: refusing non-loopback address %q\n", *addr)
		os.Exit(2)
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
		os.Exit(1)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *addr},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// Announce readiness only once a TCP connection succeeds, so callers can wait on stdout.
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", *addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			fmt.Printf("READY %s\n", *addr)
			break
		}
		select {
		case err := <-done:
			fmt.Fprintln(os.Stderr, "ferretdb-embedded: stopped before ready:", err)
			os.Exit(1)
		default:
		}
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "ferretdb-embedded: not ready after 60s")
			os.Exit(1)
		}
		time.Sleep(100 * time.Millisecond)
	}

	if err := <-done; err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
		os.Exit(1)
	}
}
