package kqlfunc

import (
	"encoding/xml"
	"io"
	"strings"
)

// ParseXML is parse_xml(text): XML as a dynamic value the way Kusto maps
// it: an element is a bag of its attributes ("@name"), its child elements
// (repeated names become arrays) and its text ("#text"); an element with
// only text is that string; an empty element is null. Invalid XML gives
// null (ok false).
func ParseXML(text string) (any, bool) {
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = true
	var root map[string]any
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
		if start, ok := tok.(xml.StartElement); ok {
			if root != nil {
				return nil, false // two roots
			}
			v, err := xmlElement(dec, start)
			if err != nil {
				return nil, false
			}
			root = map[string]any{start.Name.Local: v}
		}
	}
	if root == nil {
		return nil, false
	}
	return root, true
}

func xmlElement(dec *xml.Decoder, start xml.StartElement) (any, error) {
	bag := map[string]any{}
	for _, a := range start.Attr {
		bag["@"+a.Name.Local] = a.Value
	}
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			child, err := xmlElement(dec, t)
			if err != nil {
				return nil, err
			}
			name := t.Name.Local
			switch prev := bag[name].(type) {
			case nil:
				if _, exists := bag[name]; exists {
					bag[name] = []any{nil, child}
				} else {
					bag[name] = child
				}
			case []any:
				bag[name] = append(prev, child)
			default:
				bag[name] = []any{prev, child}
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			s := strings.TrimSpace(text.String())
			if len(bag) == 0 {
				if s == "" {
					return nil, nil
				}
				return s, nil
			}
			if s != "" {
				bag["#text"] = s
			}
			return bag, nil
		}
	}
}
