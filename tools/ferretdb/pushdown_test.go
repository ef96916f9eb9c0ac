package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/FerretDB/FerretDB/ferretdb"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
)

// The SQLite backend as patched (patches/sqlite-id-pushdown.patch, applied to the vendored
// module by scripts/build-ferretdb.sh): a filter with a top-level `_id` beside other conditions
// (every guarded update the engine makes) is answered through the `_id_` index, not by reading
// the whole collection, and the answers are those of the whole filter. SQLite's own plan
// (FerretDB's explain returns it) shows which: "SEARCH … USING INDEX" or "SCAN".

const docs = 2000

func TestIDBesideAGuardIsServedByTheIndex(t *testing.T) {
	coll := seededCollection(t)
	ctx := context.Background()

	for _, filter := range []bson.D{
		{{Key: "_id", Value: "task-7"}},
		{{Key: "_id", Value: "task-7"}, {Key: "status", Value: "open"}},
		{{Key: "status", Value: "open"}, {Key: "_id", Value: "task-7"}, {Key: "dueVersion", Value: bson.D{{Key: "$lt", Value: 3}}}},
	} {
		pushdown, plan := explain(t, coll, filter)
		if !pushdown || !strings.Contains(plan, "USING INDEX") || strings.Contains(plan, "SCAN") {
			t.Errorf("%v: want the _id pushed down and served by the index, got pushdown=%v plan=%s", filter, pushdown, plan)
		}
	}

	// Without an _id equality there is nothing to push down: the collection is read (the check
	// above can fail).
	for _, filter := range []bson.D{
		{{Key: "status", Value: "open"}},
		{{Key: "_id", Value: bson.D{{Key: "$in", Value: bson.A{"task-7", "task-8"}}}}, {Key: "status", Value: "open"}},
	} {
		if pushdown, plan := explain(t, coll, filter); pushdown || !strings.Contains(plan, "SCAN") {
			t.Errorf("%v: want a scan, got pushdown=%v plan=%s", filter, pushdown, plan)
		}
	}

	// Answers stay those of the whole filter: the guard beside _id still decides.
	count := func(filter bson.D) int64 {
		n, err := coll.CountDocuments(ctx, filter)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(bson.D{{Key: "_id", Value: "task-8"}, {Key: "status", Value: "submitted"}}); n != 1 {
		t.Errorf("task-8 is submitted: counted %d", n)
	}
	if n := count(bson.D{{Key: "_id", Value: "task-8"}, {Key: "status", Value: "open"}}); n != 0 {
		t.Errorf("task-8 is not open: counted %d", n)
	}
	if n := count(bson.D{{Key: "_id", Value: "task-10"}, {Key: "$or", Value: bson.A{bson.D{{Key: "status", Value: "closed"}}, bson.D{{Key: "n", Value: 10}}}}}); n != 1 {
		t.Errorf("task-10 with $or beside: counted %d", n)
	}

	// A guarded update: the wrong guard changes nothing, the right one changes that document only.
	res, err := coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: "task-7"}, {Key: "status", Value: "submitted"}}, bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: "late"}}}})
	if err != nil || res.MatchedCount != 0 {
		t.Fatalf("wrong guard: matched %v, err %v", res, err)
	}
	res, err = coll.UpdateOne(ctx, bson.D{{Key: "_id", Value: "task-7"}, {Key: "status", Value: "open"}}, bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: "submitted"}}}})
	if err != nil || res.MatchedCount != 1 || res.ModifiedCount != 1 {
		t.Fatalf("right guard: %+v, err %v", res, err)
	}
	if n := count(bson.D{{Key: "status", Value: "submitted"}}); n != docs/2+1 {
		t.Errorf("after one guarded update, %d submitted, want %d", n, docs/2+1)
	}

	// ObjectIDs are pushed down as well; a delete with a failing guard deletes nothing.
	oid := primitive.NewObjectID()
	if _, err := coll.InsertOne(ctx, bson.D{{Key: "_id", Value: oid}, {Key: "status", Value: "open"}}); err != nil {
		t.Fatal(err)
	}
	if pushdown, plan := explain(t, coll, bson.D{{Key: "_id", Value: oid}, {Key: "status", Value: "open"}}); !pushdown || !strings.Contains(plan, "USING INDEX") {
		t.Errorf("ObjectID _id: pushdown=%v plan=%s", pushdown, plan)
	}
	del, err := coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: oid}, {Key: "status", Value: "closed"}})
	if err != nil || del.DeletedCount != 0 {
		t.Fatalf("delete with a failing guard: %+v, err %v", del, err)
	}
	del, err = coll.DeleteOne(ctx, bson.D{{Key: "_id", Value: oid}, {Key: "status", Value: "open"}})
	if err != nil || del.DeletedCount != 1 {
		t.Fatalf("delete with the right guard: %+v, err %v", del, err)
	}
}

// seededCollection starts FerretDB on SQLite in a temp dir (a private Unix socket, no gate: the
// gate does not touch queries) and stores `docs` tasks, every other one open.
func seededCollection(t *testing.T) *mongo.Collection {
	t.Helper()
	sockDir, err := os.MkdirTemp("", "ferretdb-test-") // short: Unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	sock := filepath.Join(sockDir, "ferretdb.sock")

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Handler:   "sqlite",
		SQLiteURL: "file:" + t.TempDir() + "/",
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	waitReady("unix", sock, done)

	client, err := mongo.Connect(ctx, options.Client().ApplyURI("mongodb://"+url.QueryEscape(sock)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Disconnect(context.Background()) })

	coll := client.Database("pushdown").Collection("tasks")
	batch := make([]any, 0, docs)
	for i := 0; i < docs; i++ {
		status := "submitted"
		if i%2 == 1 {
			status = "open"
		}
		batch = append(batch, bson.D{{Key: "_id", Value: fmt.Sprintf("task-%d", i)}, {Key: "status", Value: status}, {Key: "n", Value: i}, {Key: "dueVersion", Value: 0}})
	}
	if _, err := coll.InsertMany(ctx, batch); err != nil {
		t.Fatal(err)
	}
	return coll
}

// explain returns whether FerretDB pushed the filter down and SQLite's query plan for a find.
func explain(t *testing.T, coll *mongo.Collection, filter bson.D) (bool, string) {
	t.Helper()
	var out struct {
		QueryPlanner   struct{ Plan []string } `bson:"queryPlanner"`
		FilterPushdown bool                    `bson:"filterPushdown"`
	}
	cmd := bson.D{{Key: "explain", Value: bson.D{{Key: "find", Value: coll.Name()}, {Key: "filter", Value: filter}}}}
	if err := coll.Database().RunCommand(context.Background(), cmd).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.FilterPushdown, strings.Join(out.QueryPlanner.Plan, "; ")
}
