package main

// The write gate: a small MongoDB-wire front before FerretDB that lets one write command run
// at a time while reads flow freely.
//
// Why: FerretDB 1.24 (SQLite and PostgreSQL backends alike) runs findAndModify and update as a
// query, then applies the update in Go, then writes the whole document back by _id without
// re-checking the filter (FerretDB issue 3040). Two concurrent guarded updates of one document
// can therefore both "match" and the later write undoes the earlier one: a chair's acknowledged
// submission is rewritten by a reminder that read the task just before. MongoDB gives
// document-level atomicity per write command; serialising write commands gives the same here,
// and more (whole commands are atomic relative to each other), at the cost of write
// parallelism that SQLite, a single-writer database, never had anyway.
//
// Protocol: every message starts with a 16-byte header (length, requestID, responseTo, opCode).
// A request is an OP_MSG (2013) whose body section (kind 0) is a BSON document whose first key
// names the command. A write request takes the gate before it is forwarded; the gate is
// released when the reply whose responseTo is that request's id comes back (or the connection
// ends, or the write takes longer than the hold limit, which closes the connection). Anything
// else (reads, getMore, handshakes, OP_QUERY) is forwarded untouched.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// maxUpdateStatements is the most statements one update command may carry (see requests).
	maxUpdateStatements = 100

	opMsg       = 2013
	maxMessage  = 48 * 1024 * 1024 // MongoDB's maxMessageSizeBytes
	moreToCome  = 1 << 1
	headerBytes = 16
)

// writeCommands are the commands that change data or schema. Names are compared in lower case
// (MongoDB accepts "findandmodify" as well as "findAndModify").
var writeCommands = map[string]bool{
	"insert":           true,
	"update":           true,
	"delete":           true,
	"findandmodify":    true,
	"createindexes":    true,
	"dropindexes":      true,
	"create":           true,
	"drop":             true,
	"dropdatabase":     true,
	"renamecollection": true,
	"collmod":          true,
}

// gate is a binary semaphore that a goroutine other than the taker may release (the reply
// comes back on the backend-reading goroutine).
type gate struct {
	slot    chan struct{}
	writes  atomic.Int64
	waiting atomic.Int64
}

func newGate() *gate { return &gate{slot: make(chan struct{}, 1)} }

func (g *gate) take() {
	g.waiting.Add(1)
	g.slot <- struct{}{}
	g.waiting.Add(-1)
	g.writes.Add(1)
}

func (g *gate) release() { <-g.slot }

type frontConfig struct {
	backendNetwork string
	backendAddress string
	// holdLimit bounds how long one write may hold the gate. A write that takes longer means the
	// backend is stuck; its connection is closed (the client sees a network error and may retry)
	// so that every other writer is not stalled behind it forever.
	holdLimit time.Duration
}

func serveFront(ln net.Listener, cfg frontConfig, g *gate, logger *log.Logger) error {
	for {
		client, err := ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go handleConn(client, cfg, g, logger)
	}
}

func handleConn(client net.Conn, cfg frontConfig, g *gate, logger *log.Logger) {
	backend, err := net.DialTimeout(cfg.backendNetwork, cfg.backendAddress, 10*time.Second)
	if err != nil {
		logger.Printf("write gate: backend unreachable: %v", err)
		client.Close()
		return
	}
	c := &conn{client: client, backend: backend, gate: g, holdLimit: cfg.holdLimit, logger: logger, pending: map[int32]*heldWrite{}}
	go c.replies()
	c.requests()
}

type heldWrite struct {
	timer    *time.Timer
	released atomic.Bool
}

type conn struct {
	client, backend net.Conn
	gate            *gate
	holdLimit       time.Duration
	logger          *log.Logger

	clientMu sync.Mutex // replies from FerretDB and the gate's own refusals both write to the client

	mu      sync.Mutex
	pending map[int32]*heldWrite // request id → write holding the gate, until its reply
	closed  bool
	once    sync.Once
}

func (c *conn) close() {
	c.once.Do(func() {
		c.client.Close()
		c.backend.Close()
		c.mu.Lock()
		c.closed = true
		for id, w := range c.pending {
			c.releaseWrite(w)
			delete(c.pending, id)
		}
		c.mu.Unlock()
	})
}

func (c *conn) releaseWrite(w *heldWrite) {
	if w.released.CompareAndSwap(false, true) {
		w.timer.Stop()
		c.gate.release()
	}
}

// requests copies client → backend, taking the gate before each write command.
func (c *conn) requests() {
	defer c.close()
	for {
		msg, err := readMessage(c.client)
		if err != nil {
			return
		}
		if binary.LittleEndian.Uint32(msg[12:16]) != opMsg || !isWrite(msg) {
			if _, err := c.backend.Write(msg); err != nil {
				return
			}
			continue
		}
		if n := sequenceLength(msg, "updates"); strings.EqualFold(commandName(msg), "update") && n > maxUpdateStatements {
			// FerretDB 1.24 (SQLite) holds one pooled storage connection per statement of an update
			// command until the command ends; past its pool of 100 the command waits for itself
			// forever and stalls every client. Refuse it loudly instead.
			reply := errorReply(msg, 2, "BadValue", fmt.Sprintf("update with %d statements: the embedded FerretDB deadlocks above %d statements per update command; send smaller batches", n, maxUpdateStatements))
			c.clientMu.Lock()
			_, err := c.client.Write(reply)
			c.clientMu.Unlock()
			if err != nil {
				return
			}
			continue
		}
		c.gate.take()
		held := &heldWrite{}
		held.timer = time.AfterFunc(c.holdLimit, func() {
			c.logger.Printf("write gate: a write held the gate for %s; closing its connection", c.holdLimit)
			c.close()
		})
		// An unacknowledged write (moreToCome, w:0) gets no reply: the gate only orders its start.
		awaitsReply := binary.LittleEndian.Uint32(msg[16:20])&moreToCome == 0
		if awaitsReply {
			c.mu.Lock()
			if c.closed {
				c.mu.Unlock()
				c.releaseWrite(held)
				return
			}
			c.pending[int32(binary.LittleEndian.Uint32(msg[4:8]))] = held
			c.mu.Unlock()
		}
		_, err = c.backend.Write(msg)
		if !awaitsReply || err != nil {
			c.releaseWrite(held)
		}
		if err != nil {
			return
		}
	}
}

// replies copies backend → client, releasing the gate when a write's reply passes.
func (c *conn) replies() {
	defer c.close()
	for {
		msg, err := readMessage(c.backend)
		if err != nil {
			return
		}
		responseTo := int32(binary.LittleEndian.Uint32(msg[8:12]))
		c.clientMu.Lock()
		_, err = c.client.Write(msg)
		c.clientMu.Unlock()
		if err != nil {
			return
		}
		c.mu.Lock()
		w := c.pending[responseTo]
		delete(c.pending, responseTo)
		c.mu.Unlock()
		if w != nil {
			c.releaseWrite(w)
		}
	}
}

func readMessage(r io.Reader) ([]byte, error) {
	var header [headerBytes]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int32(binary.LittleEndian.Uint32(header[0:4]))
	if length < headerBytes || length > maxMessage {
		return nil, fmt.Errorf("bad message length %d", length)
	}
	msg := make([]byte, length)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[headerBytes:]); err != nil {
		return nil, err
	}
	return msg, nil
}

// commandName returns the first key of an OP_MSG's body section (kind 0), or "" when the
// message is not a well-formed OP_MSG (then it is forwarded as a read and FerretDB answers it).
func commandName(msg []byte) string {
	if len(msg) < headerBytes+4 {
		return ""
	}
	pos := headerBytes + 4 // after flagBits
	end := len(msg)
	if binary.LittleEndian.Uint32(msg[16:20])&1 != 0 { // checksumPresent
		end -= 4
	}
	for pos < end {
		kind := msg[pos]
		pos++
		if pos+4 > end {
			return ""
		}
		size := int(int32(binary.LittleEndian.Uint32(msg[pos : pos+4])))
		if size < 5 || pos+size > end {
			return ""
		}
		if kind == 0 {
			// BSON document: int32 size, then elements (type byte, cstring name, value); the first
			// element's name is the command.
			doc := msg[pos : pos+size]
			if len(doc) < 6 || doc[4] == 0 {
				return ""
			}
			nameEnd := 5
			for nameEnd < len(doc) && doc[nameEnd] != 0 {
				nameEnd++
			}
			return string(doc[5:nameEnd])
		}
		pos += size // kind 1: a document sequence, size includes itself
	}
	return ""
}

func isWrite(msg []byte) bool {
	return writeCommands[strings.ToLower(commandName(msg))]
}

// sequenceLength counts the documents of the OP_MSG document sequence (kind 1) named id, the
// form drivers use for the statements of insert, update and delete; -1 when there is none.
func sequenceLength(msg []byte, id string) int {
	if len(msg) < headerBytes+4 {
		return -1
	}
	pos := headerBytes + 4
	end := len(msg)
	if binary.LittleEndian.Uint32(msg[16:20])&1 != 0 {
		end -= 4
	}
	for pos < end {
		kind := msg[pos]
		pos++
		if pos+4 > end {
			return -1
		}
		size := int(int32(binary.LittleEndian.Uint32(msg[pos : pos+4])))
		if size < 5 || pos+size > end {
			return -1
		}
		if kind == 1 {
			section := msg[pos+4 : pos+size]
			nameEnd := 0
			for nameEnd < len(section) && section[nameEnd] != 0 {
				nameEnd++
			}
			if string(section[:nameEnd]) == id {
				n := 0
				for docs := section[nameEnd+1:]; len(docs) >= 5; n++ {
					docSize := int(int32(binary.LittleEndian.Uint32(docs[0:4])))
					if docSize < 5 || docSize > len(docs) {
						return -1
					}
					docs = docs[docSize:]
				}
				return n
			}
		}
		pos += size
	}
	return -1
}

// errorReply builds an OP_MSG reply to request with a command error {ok: 0, errmsg, code, codeName}.
func errorReply(request []byte, code int32, codeName, errmsg string) []byte {
	var doc []byte
	doc = append(doc, 0, 0, 0, 0)
	doc = append(doc, 0x01) // double
	doc = append(doc, "ok\x00"...)
	doc = binary.LittleEndian.AppendUint64(doc, 0)
	doc = appendString(doc, "errmsg", errmsg)
	doc = append(doc, 0x10) // int32
	doc = append(doc, "code\x00"...)
	doc = binary.LittleEndian.AppendUint32(doc, uint32(code))
	doc = appendString(doc, "codeName", codeName)
	doc = append(doc, 0)
	binary.LittleEndian.PutUint32(doc[0:4], uint32(len(doc)))

	msg := make([]byte, headerBytes, headerBytes+5+len(doc))
	binary.LittleEndian.PutUint32(msg[4:8], 0)
	copy(msg[8:12], request[4:8]) // responseTo: the request's id
	binary.LittleEndian.PutUint32(msg[12:16], opMsg)
	msg = binary.LittleEndian.AppendUint32(msg, 0) // flagBits
	msg = append(msg, 0)                           // section kind 0: the body
	msg = append(msg, doc...)
	binary.LittleEndian.PutUint32(msg[0:4], uint32(len(msg)))
	return msg
}

func appendString(doc []byte, name, value string) []byte {
	doc = append(doc, 0x02)
	doc = append(doc, name...)
	doc = append(doc, 0)
	doc = binary.LittleEndian.AppendUint32(doc, uint32(len(value)+1))
	doc = append(doc, value...)
	return append(doc, 0)
}
