package kernel

import "github.com/go-zeromq/zmq4"

// serveControl handles control messages on their own goroutine, so an
// interrupt or shutdown is answered while a cell runs on the shell goroutine.
// It never waits for the shell goroutine and never calls the Session (whose
// calls are sequential by contract).
func (k *Kernel) serveControl() {
	for {
		req, ok := k.recv(k.control, "control")
		if !ok {
			return
		}
		k.dispatchControl(req)
	}
}

func (k *Kernel) dispatchControl(req *Message) {
	k.busy.Add(1)
	k.publish(req, "status", statusContent{"busy"})
	defer func() {
		k.busy.Add(-1)
		k.publish(req, "status", statusContent{"idle"})
	}()
	switch t := req.Header.MsgType; t {
	case "shutdown_request", "interrupt_request":
		k.controlRequest(k.control, req)
	case "kernel_info_request":
		k.reply(k.control, req, "kernel_info_reply", k.kernelInfo())
	case "comm_info_request":
		k.reply(k.control, req, "comm_info_reply", commInfoReply{Status: "ok", Comms: map[string]any{}})
	default:
		// debug_request is not sent (kernel_info says debugger: false);
		// anything needing the Session belongs on shell.
		k.log.Warn("unsupported control message type", "type", t)
	}
}

// controlRequest answers shutdown_request and interrupt_request on sock (the
// control socket, or shell for old clients).
func (k *Kernel) controlRequest(sock zmq4.Socket, req *Message) {
	switch req.Header.MsgType {
	case "interrupt_request":
		k.Interrupt()
		k.reply(sock, req, "interrupt_reply", map[string]any{"status": "ok"})
	case "shutdown_request":
		var c struct {
			Restart bool `json:"restart"`
		}
		if err := decodeContent(req, &c); err != nil {
			k.badRequest(sock, req, err)
			return
		}
		content := map[string]any{"status": "ok", "restart": c.Restart}
		k.reply(sock, req, "shutdown_reply", content)
		// Broadcast too, so other clients of the kernel learn it is going.
		k.publish(req, "shutdown_reply", content)
		k.requestShutdown(c.Restart)
	}
}

type languageInfo struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Mimetype       string `json:"mimetype"`
	FileExtension  string `json:"file_extension"`
	CodemirrorMode string `json:"codemirror_mode"`
	PygmentsLexer  string `json:"pygments_lexer"`
}

type helpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

type kernelInfoReply struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          languageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	HelpLinks             []helpLink   `json:"help_links"`
	Debugger              bool         `json:"debugger"`
}

func (k *Kernel) kernelInfo() kernelInfoReply {
	return kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       ProtocolVersion,
		Implementation:        "huntbook",
		ImplementationVersion: k.version,
		LanguageInfo: languageInfo{
			Name:          "kql",
			Version:       k.version,
			Mimetype:      "text/x-kql",
			FileExtension: ".kql",
			// Neither CodeMirror nor Debian's Pygments ships a KQL mode:
			// front ends fall back to plain text. Pygments >= 2.17 has a
			// Kusto lexer under the alias "kql", which nbconvert then uses.
			CodemirrorMode: "kql",
			PygmentsLexer:  "kql",
		},
		Banner: "huntbook " + k.version + " — KQL threat hunting (Jupyter kernel, protocol " + ProtocolVersion + ")",
		HelpLinks: []helpLink{
			{Text: "KQL reference", URL: "https://learn.microsoft.com/kusto/query/"},
		},
	}
}
