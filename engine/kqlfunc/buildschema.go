package kqlfunc

import (
	"encoding/json"
	"slices"
	"strings"
)

// BuildSchema is buildschema(): the smallest schema admitting every value
// of a JSON array (nulls are ignored, no value gives null). A schema is a
// primitive type name ("long", "double", "string", "bool"), a container
// (an object of property schemas; an array is a container whose one
// property "indexer" is the schema of its elements), or a union: an array
// of those, in order of first appearance.
func BuildSchema(values any) (any, bool) {
	list, _ := values.([]any)
	root := &schemaNode{}
	for _, v := range list {
		root.add(v)
	}
	if len(root.members) == 0 {
		return nil, false
	}
	return root.value(), true
}

// schemaNode is a union of primitive types and at most one container.
type schemaNode struct {
	members   []string // primitive names, and "" where the container ranks
	container *schemaContainer
}

type schemaContainer struct {
	keys  []string
	props map[string]*schemaNode
}

func (n *schemaNode) add(v any) {
	switch x := v.(type) {
	case nil:
	case map[string]any:
		c := n.containerOf()
		for _, k := range sortedKeys(x) {
			c.prop(k).add(x[k])
		}
	case []any:
		c := n.containerOf()
		elems := c.prop("indexer")
		for _, el := range x {
			elems.add(el)
		}
	default:
		n.addPrimitive(primitiveName(x))
	}
}

func (n *schemaNode) containerOf() *schemaContainer {
	if n.container == nil {
		n.container = &schemaContainer{props: map[string]*schemaNode{}}
		n.members = append(n.members, "")
	}
	return n.container
}

func (n *schemaNode) addPrimitive(name string) {
	for _, m := range n.members {
		if m == name {
			return
		}
	}
	n.members = append(n.members, name)
}

func (c *schemaContainer) prop(k string) *schemaNode {
	p, ok := c.props[k]
	if !ok {
		p = &schemaNode{}
		c.props[k] = p
		c.keys = append(c.keys, k)
	}
	return p
}

func primitiveName(v any) string {
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(string(x), ".eE") {
			return "double"
		}
		return "long"
	case float64:
		return "double"
	case int64, int:
		return "long"
	case bool:
		return "bool"
	}
	return "string"
}

// value writes the schema: a single member alone, a union as an array.
func (n *schemaNode) value() any {
	out := make([]any, 0, len(n.members))
	for _, m := range n.members {
		if m != "" {
			out = append(out, m)
			continue
		}
		obj := orderedObject{}
		for _, k := range n.container.keys {
			obj = append(obj, objectField{k, n.container.props[k].value()})
		}
		out = append(out, obj)
	}
	if len(out) == 1 {
		return out[0]
	}
	return out
}

// orderedObject is a JSON object that keeps its properties in order of
// first appearance, as Kusto prints a schema.
type orderedObject []objectField

type objectField struct {
	key   string
	value any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(MarshalJSON(f.key))
		b.WriteByte(':')
		b.WriteString(MarshalJSON(f.value))
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// sortedKeys orders a bag's keys (a decoded bag has lost its order).
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
