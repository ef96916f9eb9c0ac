// Command ferretdb-embedded runs FerretDB 1.24 in-process with the SQLite backend (or, with
// -postgresql-url, its PostgreSQL backend), behind a write gate (writegate.go), listening on loopback only. It exists because `go install
// .../cmd/ferretdb@v1.24.2` produces a binary that panics at start (the published module lacks
// the generated build/version/version.txt); the embeddable package has no such need.
//
// Usage: ferretdb-embedded -addr 127.0.0.1:27017 -dir /tmp/ferretdb-data [-write-gate=false]
//
//	ferretdb-embedded -addr 127.0.0.1:27017 -postgresql-url postgres://user@127.0.0.1:5432/db
//
// FerretDB itself listens on a private Unix socket; clients reach it through the gate on -addr,
// which serialises write commands so that each is atomic as on MongoDB. It prints
// "READY <addr>" on stdout once the listener accepts connections and stops cleanly on
// SIGINT/SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
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
	dir := flag.String("dir", "", "directory for the SQLite files (required unless -postgresql-url is given)")
	postgresURL := flag.String("postgresql-url", "", "use FerretDB's PostgreSQL backend on this database instead of SQLite (the write gate stays in front)")
	writeGate := flag.Bool("write-gate", true, "serialise write commands (off only to measure what it costs or to show the races it prevents)")
	holdLimit := flag.Duration("write-hold-limit", 60*time.Second, "longest a single write may hold the gate before its connection is closed")
	flag.Parse()

	if *dir == "" && *postgresURL == "" {
		fail(2, "-dir (SQLite) or -postgresql-url is required")
	}
	if *dir != "" && *postgresURL != "" {
		fail(2, "-dir and -postgresql-url exclude each other: one backend at a time")
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !(host == "127.0.0.1" || host == "localhost" || host == "::1") {
		fail(2, fmt.Sprintf("refusing non-loopback address %q", *addr))
	}
	backend := ferretdb.Config{Handler: "postgresql", PostgreSQLURL: *postgresURL}
	if *postgresURL == "" {
		abs, err := filepath.Abs(*dir)
		if err != nil {
			fail(1, err.Error())
		}
		if err := os.MkdirAll(abs, 0o700); err != nil {
			fail(1, err.Error())
		}
		backend = ferretdb.Config{Handler: "sqlite", SQLiteURL: "file:" + abs + "/"}
	}

	listener := ferretdb.ListenerConfig{TCP: *addr}
	var front net.Listener
	if *writeGate {
		// A private socket (short path: Unix socket paths are limited to ~100 bytes) that only
		// the gate dials; the TCP address clients use belongs to the gate.
		sockDir, err := os.MkdirTemp("", "ferretdb-")
		if err != nil {
			fail(1, err.Error())
		}
		defer os.RemoveAll(sockDir)
		listener = ferretdb.ListenerConfig{Unix: filepath.Join(sockDir, "ferretdb.sock")}
		front, err = net.Listen("tcp", *addr)
		if err != nil {
			fail(1, err.Error())
		}
	}

	backend.Listener = listener
	f, err := ferretdb.New(&backend)
	if err != nil {
		fail(1, err.Error())
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// FerretDB must accept connections before the gate (or FerretDB itself) is announced.
	network, address := "tcp", *addr
	if *writeGate {
		network, address = "unix", listener.Unix
	}
	waitReady(network, address, done)
	if *writeGate {
		logger := log.New(os.Stderr, "ferretdb-embedded: ", log.LstdFlags)
		go func() {
			if err := serveFront(front, frontConfig{backendNetwork: network, backendAddress: address, holdLimit: *holdLimit}, newGate(), logger); err != nil {
				logger.Printf("write gate stopped: %v", err)
				stop()
			}
		}()
		go func() {
			<-ctx.Done()
			front.Close()
		}()
	}
	fmt.Printf("READY %s\n", *addr)

	if err := <-done; err != nil && ctx.Err() == nil {
		fail(1, err.Error())
	}
}

// waitReady returns once a connection to the address succeeds, or exits.
func waitReady(network, address string, done <-chan error) {
	deadline := time.Now().Add(60 * time.Second)
	for {
		c, err := net.DialTimeout(network, address, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		select {
		case err := <-done:
			fail(1, fmt.Sprintf("stopped before ready: %v", err))
		default:
		}
		if time.Now().After(deadline) {
			fail(1, "not ready after 60s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func fail(code int, msg string) {
	fmt.Fprintln(os.Stderr, "ferretdb-embedded:", msg)
	os.Exit(code)
}
