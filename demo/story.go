package demo

// storyData is what the attack stories add to the background: rows of
// tables written as they are, and events injected into the activity streams
// so every table derived from a stream shows them.
type storyData struct {
	rows    map[string][]*rowBuf // table → rows in time order
	procs   []procEvent
	logons  []logonEvent
	flows   []flowEvent
	signins []signinEvent
}

func buildStories(w *world) *storyData {
	return &storyData{rows: map[string][]*rowBuf{}}
}
