package demo

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"runtime"
	"sync"
	"time"
	_ "time/tzdata" // office time zones must not depend on the host's zoneinfo

	"github.com/huntbook/huntbook/table"
)

// Sink receives the generated tables one after another: BeginTable, the
// rows in TimeGenerated order, EndTable, then the next table. Generate never
// holds a table in memory, so a sink that writes through (a database bulk
// loader) keeps the whole run in constant memory.
type Sink interface {
	// BeginTable starts a table with its full schema.
	BeginTable(name string, columns []table.Column) error
	// AppendRow adds a row: row[i] is the value of columns[i] in the table
	// package's Go representation ("" for an empty string, nil for null).
	// The slice is reused once AppendRow returns; copy what you keep. The
	// values may be shared between rows (a dynamic map or slice too): read
	// them, never change them.
	AppendRow(row []any) error
	// EndTable finishes the current table.
	EndTable() error
}

// Config says what to generate. The same Config gives the same rows.
type Config struct {
	Seed int64
	// End is the end of the data (exclusive): the newest row is just before
	// it, so queries with ago() find recent activity when End is now. The
	// generator never reads the clock; the caller passes the time.
	End time.Time
	// Days of data before End; 0 means DefaultDays. 7 to 31.
	Days int
	// Events is the approximate total row count; 0 means DefaultEvents.
	// Background volume scales with it; the stories stay the same size.
	Events int64

	// Compact emits only the columns the generator fills (a subset of the
	// catalog's, in its order and types) instead of the full catalog
	// schema. The others would be empty in every row; a loader that pays
	// per value (SecurityEvent has over 200 columns) loads much faster.
	Compact bool

	slot time.Duration // generation chunk; zero derives it from Events (tests set it)
}

// Defaults of Config.
const (
	DefaultDays   = 14
	DefaultEvents = 1_000_000
)

// baseEvents is the Events that baseVolume's stream sizes add up to; other
// sizes scale them. It is not DefaultEvents, so that a given Events gives
// the same rows whatever the default.
const baseEvents = 1_500_000

// TableStats is the row count of one generated table.
type TableStats struct {
	Table string
	Rows  int64
}

// Stats describes a finished run.
type Stats struct {
	Tables []TableStats
	Rows   int64
}

func (c Config) normalized() (Config, error) {
	if c.End.IsZero() {
		return c, errors.New("demo: Config.End is required")
	}
	if c.Days == 0 {
		c.Days = DefaultDays
	}
	if c.Days < 7 || c.Days > 31 {
		return c, fmt.Errorf("demo: Days must be between 7 and 31, got %d", c.Days)
	}
	if c.Events == 0 {
		c.Events = DefaultEvents
	}
	if c.Events < 10_000 {
		return c, fmt.Errorf("demo: Events must be at least 10000, got %d", c.Events)
	}
	c.End = c.End.UTC().Truncate(time.Second)
	if c.slot == 0 {
		c.slot = slotFor(c.Events)
	}
	return c, nil
}

// world is everything a run shares: the organisation, its calendar, the
// bound column layouts of every table and the rows of the stories.
type world struct {
	cfg   Config
	seed  int64
	org   *Org
	cal   *calendar
	scale float64 // Events relative to baseEvents
	cols  *tableCols
	specs []*tableSpec
	story *storyData
	vol   volume

	images     images
	imagesMu   sync.Mutex
	winServers []*Host // Windows servers
	desktops   []*Host // workstations that stay on
	linux      []*Host

	typoDomains []string    // names that do not resolve (typos, retired hosts)
	apps        []*cloudApp // Entra ID applications
	hbStep      time.Duration
	hbCells     map[*Host][]cell // the values of each server's heartbeats
	tiFeed      []indicator
	signinCA    *signinCA
	bTenantID   any
	bRealm      any                // the Kerberos realm
	addrs       map[netip.Addr]any // the text of well-known addresses, boxed (addrText)
	office      officeCache
	sysProcs    map[*Host]*[5]proc // hostProcs of the Windows hosts
	storyFlows  [][]flowEvent      // the stories' flows by hour
	collector   *Host              // Windows Event Forwarding collector of the workstations
}

// volume is the size of each background activity stream over the window,
// in events; it scales with Config.Events.
type volume struct {
	procs   float64 // Windows process creations
	logons  float64 // network, service and batch logons
	shares  float64 // file share accesses
	flows   float64 // network connections
	signins float64 // interactive Entra ID sign-ins
	nonint  float64 // non-interactive sign-ins
	office  float64 // Microsoft 365 audit records
	azure   float64 // Azure control-plane operations
	syslog  float64 // Linux syslog lines
	email   float64 // mail messages
	files   float64 // endpoint file events
	system  float64 // Windows System log events
}

// img returns the image of a path (cached, safe for concurrent use). Use
// only for programs, whose paths are few: file events name too many paths.
func (w *world) img(path string) *image {
	w.imagesMu.Lock()
	defer w.imagesMu.Unlock()
	return w.images.get(path)
}

// Generate writes the demo organisation's tables to sink. It stops early
// with ctx's error when ctx is done.
//
// Tables are generated concurrently (each from its own random streams, so
// the rows do not depend on the scheduling) while the sink receives them
// one after another, in a fixed order.
func Generate(ctx context.Context, cfg Config, sink Sink) (Stats, error) {
	return generate(ctx, cfg, 1, func(string) Sink { return sink })
}

// GenerateConcurrent is Generate for a loader that stores several tables at
// once: up to n tables (n ≥ 1) go to their sinks at the same time, each
// table to its own Sink from sinkFor, called once per table in table order,
// which receives exactly that table (BeginTable, its rows, EndTable). Each
// table's rows are the ones Generate gives. With one sink, the tables
// would wait for each other: while the biggest table streams, a loader for
// the next one would sit idle.
//
// On an error, tables may have begun without ending; the caller discards
// what their sinks hold. GenerateConcurrent returns once no sink is in use.
func GenerateConcurrent(ctx context.Context, cfg Config, n int, sinkFor func(table string) Sink) (Stats, error) {
	return generate(ctx, cfg, max(1, n), sinkFor)
}

func generate(ctx context.Context, cfg Config, consumers int, sinkFor func(string) Sink) (Stats, error) {
	w, err := newWorld(cfg)
	if err != nil {
		return Stats{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Producers start in table order, so the table the sink waits for
	// always holds a worker slot (later ones may block on full pipes).
	workers := max(1, runtime.GOMAXPROCS(0))
	sem := make(chan struct{}, workers)
	pipes := make([]*pipe, len(w.specs))
	for i := range pipes {
		pipes[i] = &pipe{batches: make(chan []*rowBuf, 2), pool: &rowPool{}, done: make(chan error, 1)}
	}
	go func() {
		for i, spec := range w.specs {
			p := pipes[i]
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				p.done <- ctx.Err()
				close(p.batches)
				continue
			}
			go func() {
				defer func() { <-sem }()
				p.done <- w.produce(ctx, spec, p)
				close(p.batches)
			}()
		}
	}()
	return w.consumeAll(ctx, cancel, pipes, consumers, sinkFor)
}

// consumeAll hands the tables to their sinks, up to n at a time, in table
// order, and sums up. The first error cancels the rest.
func (w *world) consumeAll(ctx context.Context, cancel func(), pipes []*pipe, n int, sinkFor func(string) Sink) (Stats, error) {
	rows := make([]int64, len(w.specs))
	errs := make([]error, len(w.specs))
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	for i, spec := range w.specs {
		if n == 1 { // Generate: the caller's goroutine, as the Sink contract has it
			if rows[i], errs[i] = w.consume(spec, pipes[i], sinkFor(spec.name)); errs[i] != nil {
				break
			}
			continue
		}
		sem <- struct{}{}
		if ctx.Err() != nil {
			break
		}
		sink := sinkFor(spec.name)
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if rows[i], errs[i] = w.consume(spec, pipes[i], sink); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return Stats{}, err
	}
	var st Stats
	for i, spec := range w.specs {
		st.Tables = append(st.Tables, TableStats{spec.name, rows[i]})
		st.Rows += rows[i]
	}
	if err := ctx.Err(); err != nil && len(st.Tables) < len(w.specs) {
		return st, err
	}
	return st, nil
}

// firstError is the first error that is not a cancellation another
// table's failure caused, or else the first error.
func firstError(errs []error) error {
	var first error
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return err
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// pipe carries one table's batches from its producer to the sink.
type pipe struct {
	batches chan []*rowBuf
	pool    *rowPool // the written rows, back to the producer
	done    chan error
}

// produce generates one table hour by hour.
func (w *world) produce(ctx context.Context, spec *tableSpec, p *pipe) error {
	e := newEmitter(ctx, func(b []*rowBuf) error {
		select {
		case p.batches <- b:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}, p.pool)
	stories := w.story.rows[spec.name]
	for h := 0; h < w.cal.hours; h++ {
		end := minTime(w.cal.hourStart(h+1), w.cfg.End)
		for len(stories) > 0 && stories[0].t.Before(end) {
			e.adopt(stories[0])
			stories = stories[1:]
		}
		if spec.gen != nil {
			spec.gen(w, e, h)
		}
		if err := e.flush(end); err != nil {
			return err
		}
	}
	e.drop()
	return nil
}

// consume writes one table's batches to the sink.
func (w *world) consume(spec *tableSpec, p *pipe, sink Sink) (int64, error) {
	if err := sink.BeginTable(spec.name, spec.schema); err != nil {
		return 0, fmt.Errorf("demo: begin table %s: %w", spec.name, err)
	}
	wr := newWriter(sink, spec.name, spec.schema)
	wr.fix("Type", spec.name)
	wr.fix("TenantId", w.org.WorkspaceID)
	if spec.fixed != nil {
		spec.fixed(w, wr)
	}
	for b := range p.batches {
		if err := wr.write(b); err != nil {
			for range p.batches { // let the producer finish
			}
			return wr.rows, err
		}
		p.pool.put(b)
	}
	if err := <-p.done; err != nil {
		return wr.rows, err
	}
	if err := sink.EndTable(); err != nil {
		return wr.rows, fmt.Errorf("demo: end table %s: %w", spec.name, err)
	}
	return wr.rows, nil
}

func newWorld(cfg Config) (*world, error) {
	cfg, err := cfg.normalized()
	if err != nil {
		return nil, err
	}
	w := &world{cfg: cfg, seed: cfg.Seed, scale: float64(cfg.Events) / baseEvents}
	w.org = NewOrg(cfg.Seed)
	w.images = images{}
	for _, h := range w.org.Hosts {
		switch {
		case h.Linux:
			w.linux = append(w.linux, h)
		case h.IsServer():
			w.winServers = append(w.winServers, h)
		case h.Desktop:
			w.desktops = append(w.desktops, h)
		}
	}
	w.vol = baseVolume.scaled(w.scale)
	w.apps = w.org.cloudApps(newRNG(cfg.Seed, "apps"))
	w.signinCA = newSigninCA(w.org.TenantID)
	w.bTenantID = box(w.org.TenantID)
	w.bRealm = box(w.org.realm)
	w.addrs = knownAddrs(w.org)
	w.office = w.newOfficeCache()
	ad := w.org.ADDomain
	w.typoDomains = []string{"outlok.office365.com", "wpad." + ad, "gooogle.com", "sharepont.com", "fs02." + ad,
		"printer-3f." + ad, "teams.microsft.com", "old-intranet." + ad, "isatap." + ad, "linkedn.com"}
	start := cfg.End.Add(-time.Duration(cfg.Days) * 24 * time.Hour)
	w.cal = newCalendar(w.org, cfg.Seed, start, cfg.End, cfg.slot)
	w.sysProcs = map[*Host]*[5]proc{}
	for _, h := range w.org.Hosts {
		if h.IsWindows() {
			w.sysProcs[h] = w.newHostProcs(h)
		}
	}
	for _, s := range w.cal.sessions {
		if s.Kind == sessAdmin {
			s.ident = w.org.adminID(s.User, s.LogonID)
		} else {
			s.ident = w.org.userID(s.User, s.LogonID)
		}
		s.procs = w.newSessionProcs(s)
	}
	w.cols = newTableCols()
	w.specs = w.cols.specs()
	for _, s := range w.specs {
		s.schema = catalogSchema(s.name, s.cols, cfg.Compact)
		bindColumns(s.cols, s.schema)
	}
	w.hbStep = w.heartbeatInterval()
	w.hbCells = w.heartbeatCells()
	w.collector = w.org.Host("MGMT01")
	w.story = buildStories(w)
	w.storyFlows = w.flowsByHour()
	w.tiFeed = w.indicators()
	return w, nil
}

// addrText is the text of address a, boxed: the organisation's and its
// services' addresses are in many rows, so their text is boxed once.
func (w *world) addrText(a netip.Addr) any {
	if v, ok := w.addrs[a]; ok {
		return v
	}
	return a.String()
}

// knownAddrs boxes the text of the organisation's fixed addresses (hosts,
// egress, firewalls) and of the internet services'.
func knownAddrs(o *Org) map[netip.Addr]any {
	m := map[netip.Addr]any{}
	add := func(a netip.Addr) {
		if a.IsValid() {
			m[a] = a.String()
		}
	}
	for _, h := range o.Hosts {
		add(h.IP)
		add(h.Public)
	}
	for _, s := range o.Sites {
		add(s.Egress)
	}
	for _, fw := range o.Firewall {
		add(fw.IP)
	}
	add(o.VPNGate)
	for i := range services {
		for j := 0; j < services[i].hosts; j++ {
			add(services[i].addr(j))
		}
	}
	return m
}

// slotFor is the generation chunk for a run's size: an hour, or a divisor
// of an hour for runs past 10M events, so a chunk's rows (what a producer
// holds at once) stay about as many as an hour of a 10M-event run.
func slotFor(events int64) time.Duration {
	for _, m := range []int{60, 30, 20, 15, 12, 10, 6, 5, 4, 3, 2, 1} {
		if int64(m)*events <= 60*10_000_000 {
			return time.Duration(m) * time.Minute
		}
	}
	return time.Minute
}

// baseVolume is the default run's stream sizes, tuned so the tables add up
// to about baseEvents rows.
var baseVolume = volume{
	procs: 130_000, logons: 45_000, shares: 40_000, flows: 170_000,
	signins: 40_000, nonint: 120_000, office: 70_000, azure: 15_000,
	syslog: 70_000, email: 25_000, files: 40_000, system: 20_000,
}

func (v volume) scaled(k float64) volume {
	return volume{v.procs * k, v.logons * k, v.shares * k, v.flows * k, v.signins * k, v.nonint * k,
		v.office * k, v.azure * k, v.syslog * k, v.email * k, v.files * k, v.system * k}
}

// quota is the number of events of hour h for a stream of total events
// over the window: following the people's activity (human) or flat around
// the clock. The fraction is rounded at random so totals add up.
func (w *world) quota(r *rng, total float64, human bool, h int) int {
	c := w.cal
	x := total / float64(c.hours)
	if human {
		x = 0
		if c.totalW > 0 {
			x = total * c.hourWeight[h] / c.totalW
		}
	}
	n := int(x)
	if r.Float64() < x-float64(n) {
		n++
	}
	return n
}
