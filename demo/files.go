package demo

import (
	"strings"
	"time"
)

// fileEvent is a file created, changed or renamed on a Windows machine.
type fileEvent struct {
	t        time.Time
	host     *Host
	action   string // FileCreated, FileModified, FileRenamed, FileDeleted
	path     string // full path
	origin   string // FileOriginUrl of downloads
	originIP string
	proc     *proc
	parent   string
	size     int64
	share    string // for files written over SMB
	reqUser  *identity
	reqIP    string
	story    string
}

// fileHour writes DeviceFileEvents: downloads, documents saved, OneDrive
// syncing, Defender's and the updaters' own files, and the stories' drops.
func (w *world) fileHour(e *emitter, h int) {
	c := w.cols.deviceFile
	r := newRNG(w.seed, "files", h)
	var evs []fileEvent
	for n, i := w.quota(r, w.vol.files*0.8, true, h), 0; i < n; i++ {
		sg, t, _ := w.cal.pickSegment(r, h)
		s := sg.s
		if s.Kind == sessAdmin {
			continue
		}
		sp := w.sessionProcs(s)
		home := `C:\Users\` + s.User.Sam
		doc := w.docFor(r, s.User)
		if t.Before(sp.browser.start) {
			t = sp.browser.start.Add(time.Second)
		}
		switch x := r.Float64(); {
		case x < 0.3:
			svc := pick(r, []string{"https://" + w.org.tenantSlug() + ".sharepoint.com/sites/", "https://docs.google.com/", "https://login.salesforce.com/", "https://www.dropbox.com/s/"})
			evs = append(evs, fileEvent{t: t, host: s.Host, action: "FileCreated", path: home + `\Downloads\` + doc, origin: svc + strings.ReplaceAll(doc, " ", "%20"), proc: &sp.browser, parent: "explorer.exe", size: int64(20_000 + r.IntN(3_000_000))})
		case x < 0.65:
			p := proc{img: w.img(officeFor(doc)), cmd: `"` + officeFor(doc) + `"`, pid: pid4(r, 0x3000, 0x8000), start: t.Add(-10 * time.Minute), id: s.ident, il: ilMedium}
			evs = append(evs, fileEvent{t: t, host: s.Host, action: "FileModified", path: home + `\OneDrive - ` + w.org.Name + `\Documents\` + doc, proc: &p, parent: "explorer.exe", size: int64(20_000 + r.IntN(3_000_000))})
		default:
			evs = append(evs, fileEvent{t: t, host: s.Host, action: "FileCreated", path: home + `\OneDrive - ` + w.org.Name + `\Shared\` + doc, proc: &sp.onedrive, parent: "explorer.exe", size: int64(20_000 + r.IntN(3_000_000))})
		}
	}
	for n, i := w.quota(r, w.vol.files*0.2, false, h), 0; i < n; i++ {
		host := w.onHost(r, h)
		t := w.cal.hourStart(h).Add(r.durIn(0, w.cal.slot))
		_, _, _, _, defender := w.hostProcs(host)
		evs = append(evs, fileEvent{t: t, host: host, action: "FileCreated", proc: &defender, parent: "services.exe", size: int64(100_000 + r.IntN(90_000_000)),
			path: `C:\ProgramData\Microsoft\Windows Defender\Definition Updates\{` + strings.ToUpper(r.guid()) + `}\mpavdlta.vdm`})
	}
	for _, ev := range w.story.files {
		if !ev.t.Before(w.cal.hourStart(h)) && ev.t.Before(w.cal.hourStart(h+1)) {
			evs = append(evs, ev)
		}
	}
	for i := range evs {
		ev := &evs[i]
		r := e.row(ev.t.Add(600 * time.Millisecond))
		r.set(c.Timestamp, ev.t)
		r.set(c.DeviceId, ev.host.bDeviceID)
		r.set(c.DeviceName, ev.host.bDeviceName)
		r.str(c.ActionType, ev.action)
		im := newImage(ev.path) // not cached: file paths are countless
		r.set(c.FileName, im.bName)
		r.set(c.FolderPath, im.bPath)
		r.str(c.SHA1, im.sha1)
		r.str(c.SHA256, im.sha256)
		r.str(c.MD5, im.md5)
		r.set(c.FileSize, ev.size)
		r.str(c.FileOriginUrl, ev.origin)
		r.str(c.FileOriginIP, ev.originIP)
		r.str(c.ShareName, ev.share)
		if ev.reqUser != nil {
			r.str(c.RequestAccountName, ev.reqUser.name)
			r.str(c.RequestAccountDomain, ev.reqUser.domain)
			r.str(c.RequestSourceIP, ev.reqIP)
			r.set(c.RequestProtocol, "SMB")
		}
		if ev.proc != nil {
			w.initiating(r, &c.InitiatingColumns, ev.proc, ev.parent, 0)
		}
		r.set(c.ReportId, reportID(ev.t, uint32(ev.size)))
	}
}
