package ingest

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/Velocidex/ordereddict"
	"www.velocidex.com/golang/evtx"
)

// evtxChunkSize is the size of an EVTX chunk, the unit the parser reads.
const evtxChunkSize = 64 << 10

// loadEVTX loads a Windows .evtx file chunk by chunk. The parser needs to
// seek, so an .evtx inside an archive is first copied to a temporary file.
func (l *loader) loadEVTX(p *plan) error {
	f, cleanup, counted, err := l.seekable(p.in)
	if err != nil {
		return err
	}
	defer cleanup()
	chunks, err := evtx.GetChunks(f)
	if err != nil {
		return fmt.Errorf("not a readable EVTX file: %v", err)
	}
	ws := l.winWriters()
	for _, c := range chunks {
		if err := l.ctxErr(); err != nil {
			return err
		}
		records, err := parseChunk(c)
		if !counted {
			l.count(evtxChunkSize)
		}
		if err != nil {
			if err := l.problem(p.in.name, 0, fmt.Sprintf("chunk at offset %d: %v", c.Offset, err)); err != nil {
				return err
			}
			continue
		}
		for _, r := range records {
			e, err := winEventFromEVTX(r.Event)
			if err != nil {
				err = l.problem(p.in.name, 0, fmt.Sprintf("record %d: %v", r.Header.RecordID, err))
			} else {
				err = l.loadEvent(ws, e, p.in, 0)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// parseChunk turns a panic of the parser on a corrupt chunk into an error.
func parseChunk(c *evtx.Chunk) (records []*evtx.EventRecord, err error) {
	defer func() {
		if r := recover(); r != nil {
			records, err = nil, fmt.Errorf("corrupt chunk: %v", r)
		}
	}()
	return c.Parse(0)
}

// seekable opens an input for random access. counted reports whether the
// bytes were already counted for progress (while copying).
func (l *loader) seekable(in *input) (io.ReadSeeker, func(), bool, error) {
	if in.path != "" {
		f, err := os.Open(in.path)
		if err != nil {
			return nil, nil, false, err
		}
		return f, func() { f.Close() }, false, nil
	}
	rc, err := in.open(l.count)
	if err != nil {
		return nil, nil, false, err
	}
	defer rc.Close()
	tmp, err := os.CreateTemp("", "huntbook-evtx-*")
	if err != nil {
		return nil, nil, false, err
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, rc); err != nil {
		cleanup()
		return nil, nil, false, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, nil, false, err
	}
	return tmp, cleanup, true, nil
}

// winEventFromEVTX normalises a record as the EVTX parser gives it:
// {"Event": {"System": {...}, "EventData" | "UserData": {...}}}.
func winEventFromEVTX(v any) (winEvent, error) {
	root, ok := v.(*ordereddict.Dict)
	if !ok {
		return winEvent{}, fmt.Errorf("unexpected record %T", v)
	}
	ev := dictAt(root, "Event")
	sys := dictAt(ev, "System")
	if sys == nil {
		return winEvent{}, fmt.Errorf("record without a System part")
	}
	e := winEvent{
		channel:     canonicalChannel(str(get(sys, "Channel"))),
		computer:    str(get(sys, "Computer")),
		provider:    str(get(dictAt(sys, "Provider"), "Name")),
		task:        optInt(get(sys, "Task")),
		level:       optInt(get(sys, "Level")),
		version:     optInt(get(sys, "Version")),
		opcode:      optInt(get(sys, "Opcode")),
		recordID:    str(get(sys, "EventRecordID")),
		correlation: str(get(dictAt(sys, "Correlation"), "ActivityID")),
		userSID:     str(get(dictAt(sys, "Security"), "UserID")),
		processID:   optInt(get(dictAt(sys, "Execution"), "ProcessID")),
		threadID:    optInt(get(dictAt(sys, "Execution"), "ThreadID")),
		keywords:    keywordsText(jsonNumber(get(sys, "Keywords"))),
	}
	idv := get(sys, "EventID")
	if d, isDict := idv.(*ordereddict.Dict); isDict {
		idv = get(d, "Value")
	}
	id, ok := toInt(idv)
	if !ok {
		return e, fmt.Errorf("EventID %v is not a number", idv)
	}
	e.eventID = id
	if secs, ok := get(dictAt(sys, "TimeCreated"), "SystemTime").(float64); ok {
		e.time = ticks(time.Unix(0, int64(secs*1e6)*1e3))
		e.hasTime = true
	}
	if data := dictAt(ev, "EventData"); data != nil {
		e.data = dictPairs(data)
	} else if ud := dictAt(ev, "UserData"); ud != nil {
		for _, k := range ud.Keys() { // UserData wraps its fields in one element
			if inner := dictAt(ud, k); inner != nil {
				e.data = append(e.data, dictPairs(inner)...)
			}
		}
	}
	return e, nil
}

func get(d *ordereddict.Dict, key string) any {
	if d == nil {
		return nil
	}
	v, _ := d.Get(key)
	return v
}

func dictAt(d *ordereddict.Dict, key string) *ordereddict.Dict {
	x, _ := get(d, key).(*ordereddict.Dict)
	return x
}

func dictPairs(d *ordereddict.Dict) []kv {
	keys := d.Keys()
	out := make([]kv, 0, len(keys))
	for _, k := range keys {
		v, _ := d.Get(k)
		out = append(out, kv{k, goValue(v)})
	}
	return out
}

// goValue turns parser values into the forms of decoded JSON.
func goValue(v any) any {
	switch x := v.(type) {
	case *ordereddict.Dict:
		m := map[string]any{}
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			m[k] = goValue(val)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = goValue(e)
		}
		return out
	case nil, string, bool:
		return x
	case uint64, float64:
		return jsonNumber(x)
	}
	if _, ok := goInt(v); ok {
		return jsonNumber(v)
	}
	return fmt.Sprint(v)
}

// jsonNumber turns the parser's Go numbers into json.Number.
func jsonNumber(v any) any {
	switch x := v.(type) {
	case uint64, float64:
		return jsonNumberText(fmt.Sprint(x))
	}
	if n, ok := goInt(v); ok {
		return jsonNumberText(strconv.FormatInt(n, 10))
	}
	return v
}
