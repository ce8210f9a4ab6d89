package syntax

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/huntbook/huntbook/table"
)

// Dump returns the tree under n as indented text, one node per line with
// its type, span and scalar fields, children below it under their field
// names. Golden tests record it; it is meant for people, not for parsing.
func Dump(n Node) string {
	var b strings.Builder
	dumpValue(&b, 0, "", reflect.ValueOf(n))
	return b.String()
}

var (
	nodeType = reflect.TypeOf((*Node)(nil)).Elem()
	spanType = reflect.TypeOf(Span{})
)

func dumpValue(b *strings.Builder, indent int, label string, v reflect.Value) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	pad := strings.Repeat("  ", indent)
	fmt.Fprintf(b, "%s%s%s", pad, label, v.Type().Name())
	if lit, ok := v.Addr().Interface().(*Literal); ok {
		fmt.Fprintf(b, " %d:%d %s %s\n", lit.Start, lit.End, lit.Type, literalText(lit))
		return
	}
	var children []func()
	for i := 0; i < v.NumField(); i++ {
		f, ft := v.Field(i), v.Type().Field(i)
		switch {
		case ft.Type == spanType:
			fmt.Fprintf(b, " %d:%d", f.Field(0).Int(), f.Field(1).Int())
		case isNodeField(ft.Type):
			if !f.IsNil() {
				name := ft.Name
				children = append(children, func() { dumpValue(b, indent+1, name+": ", f) })
			}
		case ft.Type.Kind() == reflect.Slice && isNodeField(ft.Type.Elem()):
			if f.Len() > 0 {
				name := ft.Name
				children = append(children, func() {
					fmt.Fprintf(b, "%s  %s:\n", pad, name)
					for j := 0; j < f.Len(); j++ {
						dumpValue(b, indent+2, "- ", f.Index(j))
					}
				})
			}
		default:
			if !f.IsZero() {
				fmt.Fprintf(b, " %s=%s", ft.Name, scalarText(f))
			}
		}
	}
	b.WriteByte('\n')
	for _, c := range children {
		c()
	}
}

func isNodeField(t reflect.Type) bool {
	return t.Implements(nodeType) || (t.Kind() == reflect.Interface && t.Implements(nodeType))
}

func scalarText(f reflect.Value) string {
	switch x := f.Interface().(type) {
	case string:
		return strconv.Quote(x)
	case BinaryOp, UnaryOp:
		return strconv.Quote(fmt.Sprint(x))
	case SortOrder:
		return strings.TrimSpace(sortOrderText[x])
	case NullsOrder:
		return map[NullsOrder]string{NullsFirst: "first", NullsLast: "last"}[x]
	case EdgeDir:
		t, _ := x.MarshalText()
		return string(t)
	}
	return fmt.Sprint(f.Interface())
}

// JSON returns the tree under n as JSON: each node is an object with
// "kind" (the Go type name, e.g. "WhereOp"), "span" ([start, end] byte
// offsets) and its non-empty fields under their Go names. A Literal has
// "Type" (the KQL type name) and "Value" in the form of huntbook's JSON
// results (datetime and timespan as text, null as null).
func JSON(n Node) ([]byte, error) {
	var buf bytes.Buffer
	if err := jsonValue2(&buf, reflect.ValueOf(n)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func jsonValue2(buf *bytes.Buffer, v reflect.Value) error {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if lit, ok := v.Addr().Interface().(*Literal); ok {
		return jsonLiteral(buf, lit)
	}
	fmt.Fprintf(buf, `{"kind":%q`, v.Type().Name())
	for i := 0; i < v.NumField(); i++ {
		f, ft := v.Field(i), v.Type().Field(i)
		if f.IsZero() || (f.Kind() == reflect.Slice && f.Len() == 0) {
			continue
		}
		if ft.Type == spanType {
			fmt.Fprintf(buf, `,"span":[%d,%d]`, f.Field(0).Int(), f.Field(1).Int())
			continue
		}
		fmt.Fprintf(buf, `,%q:`, ft.Name)
		if err := jsonField(buf, f, ft.Type); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

func jsonField(buf *bytes.Buffer, f reflect.Value, t reflect.Type) error {
	switch {
	case isNodeField(t):
		return jsonValue2(buf, f)
	case t.Kind() == reflect.Slice && isNodeField(t.Elem()):
		buf.WriteByte('[')
		for j := 0; j < f.Len(); j++ {
			if j > 0 {
				buf.WriteByte(',')
			}
			if err := jsonValue2(buf, f.Index(j)); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
		return nil
	}
	var x any = f.Interface()
	switch x.(type) {
	case SortOrder, NullsOrder:
		x = scalarText(f)
	}
	return marshalPlain(buf, x)
}

// marshalPlain writes v as JSON without HTML escaping (operators such as
// < and > stay readable).
func marshalPlain(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

func jsonLiteral(buf *bytes.Buffer, lit *Literal) error {
	fmt.Fprintf(buf, `{"kind":"Literal","span":[%d,%d],"Type":%q,"Value":`, lit.Start, lit.End, lit.Type)
	if err := marshalPlain(buf, table.JSONValue(lit.Value)); err != nil {
		return fmt.Errorf("syntax: literal at %d: %w", lit.Start, err)
	}
	if lit.Obfuscated {
		buf.WriteString(`,"Obfuscated":true`)
	}
	buf.WriteByte('}')
	return nil
}
