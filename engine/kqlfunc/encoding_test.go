package kqlfunc

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestBase64(t *testing.T) {
	if got, ok := Base64DecodeToString("S3VzdG8="); !ok || got != "Kusto" {
		t.Errorf("decode = %q, %v", got, ok)
	}
	if got, ok := Base64DecodeToString("S3VzdG8"); !ok || got != "Kusto" {
		t.Errorf("unpadded decode = %q, %v", got, ok)
	}
	if _, ok := Base64DecodeToString("!!"); ok {
		t.Error("bad base64 decoded")
	}
	if _, ok := Base64DecodeToString("/w=="); ok {
		t.Error("non-UTF-8 bytes decoded to a string")
	}
	got, _ := Base64DecodeToArray("S3VzdG8=")
	if diff := cmp.Diff(mustDynamic(t, "[75,117,115,116,111]"), got); diff != "" {
		t.Error(diff)
	}
}

func TestXXHash64(t *testing.T) {
	if got := XXHash64("World"); got != 1846988464401551951 {
		t.Errorf("hash(World) = %d", got)
	}
	if got, _ := HashMod(XXHash64("World"), 100); got != 51 {
		t.Errorf("hash(World, 100) = %d", got)
	}
	if got := XXHash64DateTime(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)); got != 1380966698541616202 {
		t.Errorf("hash(datetime(2015-01-01)) = %d", got)
	}
}
