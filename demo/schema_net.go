package demo

// Column layouts of the network tables the demo fills.

type commonSecurityLogCols struct {
	TimeGenerated                col `kql:"datetime"`
	DeviceVendor                 col `kql:"string"`
	DeviceProduct                col `kql:"string"`
	DeviceVersion                col `kql:"string"`
	DeviceEventClassID           col `kql:"string"`
	Activity                     col `kql:"string"`
	LogSeverity                  col `kql:"string"`
	DeviceAction                 col `kql:"string"`
	SimplifiedDeviceAction       col `kql:"string"`
	ApplicationProtocol          col `kql:"string"`
	Protocol                     col `kql:"string"`
	SourceIP                     col `kql:"string"`
	SourcePort                   col `kql:"int"`
	DestinationIP                col `kql:"string"`
	DestinationPort              col `kql:"int"`
	SourceTranslatedAddress      col `kql:"string"`
	SourceTranslatedPort         col `kql:"int"`
	DestinationTranslatedAddress col `kql:"string"`
	DestinationTranslatedPort    col `kql:"int"`
	SentBytes                    col `kql:"long"`
	ReceivedBytes                col `kql:"long"`
	SourceUserName               col `kql:"string"`
	DestinationHostName          col `kql:"string"`
	RequestURL                   col `kql:"string"`
	DeviceName                   col `kql:"string"`
	DeviceAddress                col `kql:"string"`
	DeviceExternalID             col `kql:"string"`
	DeviceInboundInterface       col `kql:"string"`
	DeviceOutboundInterface      col `kql:"string"`
	CommunicationDirection       col `kql:"string"`
	DeviceCustomString1          col `kql:"string"`
	DeviceCustomString1Label     col `kql:"string"`
	DeviceCustomString3          col `kql:"string"`
	DeviceCustomString3Label     col `kql:"string"`
	DeviceCustomString4          col `kql:"string"`
	DeviceCustomString4Label     col `kql:"string"`
	DeviceCustomString5          col `kql:"string"`
	DeviceCustomString5Label     col `kql:"string"`
	DeviceCustomNumber1          col `kql:"int"`
	DeviceCustomNumber1Label     col `kql:"string"`
	DeviceCustomNumber2          col `kql:"int"`
	DeviceCustomNumber2Label     col `kql:"string"`
	DeviceCustomNumber3          col `kql:"int"`
	DeviceCustomNumber3Label     col `kql:"string"`
	ReceiptTime                  col `kql:"string"`
	StartTime                    col `kql:"datetime"`
	EndTime                      col `kql:"datetime"`
	Computer                     col `kql:"string"`
	CollectorHostName            col `kql:"string"`
	Message                      col `kql:"string"`
}

type dnsEventsCols struct {
	TimeGenerated col `kql:"datetime"`
	Computer      col `kql:"string"`
	EventId       col `kql:"int"`
	SubType       col `kql:"string"`
	ClientIP      col `kql:"string"`
	Name          col `kql:"string"`
	QueryType     col `kql:"string"`
	IPAddresses   col `kql:"string"`
	Result        col `kql:"string"`
	ResultCode    col `kql:"int"`
	Severity      col `kql:"int"`
	TaskCategory  col `kql:"string"`
	Message       col `kql:"string"`
}

type vmConnectionCols struct {
	TimeGenerated           col `kql:"datetime"`
	Computer                col `kql:"string"`
	AgentId                 col `kql:"string"`
	Machine                 col `kql:"string"`
	Process                 col `kql:"string"`
	ProcessName             col `kql:"string"`
	SourceIp                col `kql:"string"`
	DestinationIp           col `kql:"string"`
	DestinationPort         col `kql:"int"`
	Protocol                col `kql:"string"`
	Direction               col `kql:"string"`
	RemoteIp                col `kql:"string"`
	RemoteCountry           col `kql:"string"`
	RemoteLatitude          col `kql:"real"`
	RemoteLongitude         col `kql:"real"`
	RemoteDnsQuestions      col `kql:"string"`
	RemoteDnsCanonicalNames col `kql:"string"`
	RemoteClassification    col `kql:"string"`
	ConnectionId            col `kql:"string"`
	BytesSent               col `kql:"long"`
	BytesReceived           col `kql:"long"`
	LinksEstablished        col `kql:"long"`
	LinksTerminated         col `kql:"long"`
	LinksLive               col `kql:"long"`
	LinksFailed             col `kql:"long"`
	Responses               col `kql:"long"`
	ResponseTimeMax         col `kql:"long"`
	ResponseTimeMin         col `kql:"long"`
	ResponseTimeSum         col `kql:"long"`
	MaliciousIp             col `kql:"string"`
	IndicatorThreatType     col `kql:"string"`
	Confidence              col `kql:"string"`
	Severity                col `kql:"int"`
	Description             col `kql:"string"`
	TLPLevel                col `kql:"string"`
	IsActive                col `kql:"string"`
}
