package main

import (
	"encoding/binary"
	"testing"
)

// opMsgWith builds an OP_MSG whose body is {<command>: 1} and, when seq is not empty, a
// document sequence of n empty documents under that identifier.
func opMsgWith(command, seq string, n int) []byte {
	var body []byte
	body = append(body, 0, 0, 0, 0, 0x10)
	body = append(body, command...)
	body = append(body, 0, 1, 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(body[0:4], uint32(len(body)))

	msg := make([]byte, headerBytes)
	binary.LittleEndian.PutUint32(msg[4:8], 42)
	binary.LittleEndian.PutUint32(msg[12:16], opMsg)
	msg = binary.LittleEndian.AppendUint32(msg, 0)
	msg = append(msg, 0)
	msg = append(msg, body...)
	if seq != "" {
		var section []byte
		section = append(section, 0, 0, 0, 0)
		section = append(section, seq...)
		section = append(section, 0)
		for i := 0; i < n; i++ {
			section = append(section, 5, 0, 0, 0, 0)
		}
		binary.LittleEndian.PutUint32(section[0:4], uint32(len(section)))
		msg = append(msg, 1)
		msg = append(msg, section...)
	}
	binary.LittleEndian.PutUint32(msg[0:4], uint32(len(msg)))
	return msg
}

func TestCommandNameAndWrites(t *testing.T) {
	for cmd, write := range map[string]bool{"find": false, "getMore": false, "insert": true, "update": true, "findAndModify": true, "findandmodify": true, "createIndexes": true, "hello": false, "aggregate": false, "delete": true, "drop": true} {
		msg := opMsgWith(cmd, "", 0)
		if got := commandName(msg); got != cmd {
			t.Fatalf("commandName = %q, want %q", got, cmd)
		}
		if isWrite(msg) != write {
			t.Fatalf("isWrite(%s) = %v, want %v", cmd, !write, write)
		}
	}
	if commandName([]byte{1, 2, 3}) != "" {
		t.Fatal("a truncated message has no command")
	}
}

func TestSequenceLength(t *testing.T) {
	if n := sequenceLength(opMsgWith("update", "updates", 600), "updates"); n != 600 {
		t.Fatalf("sequenceLength = %d, want 600", n)
	}
	if n := sequenceLength(opMsgWith("update", "", 0), "updates"); n != -1 {
		t.Fatalf("no sequence: %d, want -1", n)
	}
	if n := sequenceLength(opMsgWith("insert", "documents", 3), "updates"); n != -1 {
		t.Fatalf("another sequence: %d, want -1", n)
	}
}

func TestErrorReplyAnswersTheRequest(t *testing.T) {
	req := opMsgWith("update", "updates", 200)
	reply := errorReply(req, 2, "BadValue", "too many")
	if int(binary.LittleEndian.Uint32(reply[0:4])) != len(reply) {
		t.Fatal("length header does not match")
	}
	if binary.LittleEndian.Uint32(reply[8:12]) != 42 || binary.LittleEndian.Uint32(reply[12:16]) != opMsg {
		t.Fatal("not an OP_MSG reply to request 42")
	}
	body := reply[headerBytes+5:]
	if int(binary.LittleEndian.Uint32(body[0:4])) != len(body) || body[len(body)-1] != 0 {
		t.Fatal("malformed BSON body")
	}
	if got := commandName(reply); got != "ok" {
		t.Fatalf("first key %q, want ok", got)
	}
}
