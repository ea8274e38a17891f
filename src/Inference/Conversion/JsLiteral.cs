using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Insights.Inference.Conversion;

/// <summary>
/// Reads the JavaScript object literals that minified UMD bundles (nsfwjs) carry their model JSON in:
/// unquoted keys, <c>!0</c>/<c>!1</c> for booleans, numbers such as <c>.5</c>. Parsing beats running
/// the bundle in Node: conversion then needs no JavaScript engine, only the files npm fetched.
/// </summary>
internal sealed class JsLiteral
{
    private readonly string _text;
    private readonly StringBuilder _json = new();
    private int _pos;

    private JsLiteral(string text, int start)
    {
        _text = text;
        _pos = start;
    }

    /// <summary>Parses the object literal that starts at the <c>{</c> before the first <paramref name="firstKey"/>.</summary>
    public static JsonObject ParseObjectContaining(string text, string firstKey)
    {
        var key = text.IndexOf(firstKey + ":", StringComparison.Ordinal);
        if (key < 0)
            throw new InvalidDataException($"the bundle has no '{firstKey}' object");
        var start = text.LastIndexOf('{', key);
        var parser = new JsLiteral(text, start);
        parser.ParseValue();
        // re-read as JSON so numbers behave exactly as in the graph models' model.json
        return JsonNode.Parse(parser._json.ToString())!.AsObject();
    }

    /// <summary>Reads the string assigned to <c>exports</c> in a bundle such as <c>h.exports="base64..."</c>.</summary>
    public static string ParseExportedString(string text)
    {
        var marker = text.IndexOf(".exports=\"", StringComparison.Ordinal);
        if (marker < 0)
            throw new InvalidDataException("the bundle exports no string");
        var parser = new JsLiteral(text, marker + ".exports=".Length);
        return parser.ParseString();
    }

    private void ParseValue()
    {
        SkipWhitespace();
        var c = _text[_pos];
        switch (c)
        {
            case '{':
                ParseObject();
                return;
            case '[':
                ParseArray();
                return;
            case '"' or '\'':
                WriteString(ParseString());
                return;
            case '!':
                _pos++;
                _json.Append(_text[_pos++] == '0' ? "true" : "false");
                return;
        }

        if (c == '-' || c == '.' || char.IsDigit(c))
        {
            _json.Append(ParseNumber().ToString("R", CultureInfo.InvariantCulture));
            return;
        }

        var word = ParseIdentifier();
        _json.Append(word switch
        {
            "null" or "undefined" or "NaN" or "Infinity" => "null",
            "true" or "false" => word,
            _ => throw new InvalidDataException($"unexpected '{word}' at {_pos} in a model bundle"),
        });
    }

    private void ParseObject()
    {
        _pos++;
        _json.Append('{');
        var first = true;
        while (true)
        {
            SkipWhitespace();
            if (_text[_pos] == '}')
            {
                _pos++;
                _json.Append('}');
                return;
            }

            if (!first)
                _json.Append(',');
            first = false;
            var key = _text[_pos] is '"' or '\'' ? ParseString() : ParseIdentifier();
            WriteString(key);
            SkipWhitespace();
            Expect(':');
            _json.Append(':');
            ParseValue();
            SkipWhitespace();
            if (_text[_pos] == ',')
                _pos++;
        }
    }

    private void ParseArray()
    {
        _pos++;
        _json.Append('[');
        var first = true;
        while (true)
        {
            SkipWhitespace();
            if (_text[_pos] == ']')
            {
                _pos++;
                _json.Append(']');
                return;
            }

            if (!first)
                _json.Append(',');
            first = false;
            ParseValue();
            SkipWhitespace();
            if (_text[_pos] == ',')
                _pos++;
        }
    }

    private void WriteString(string value) => _json.Append(JsonSerializer.Serialize(value));

    private string ParseString()
    {
        var quote = _text[_pos++];
        var end = _text.IndexOfAny([quote, '\\'], _pos);
        if (end >= 0 && _text[end] == quote)
        {
            // fast path: no escapes (the multi-megabyte base64 shards)
            var plain = _text[_pos..end];
            _pos = end + 1;
            return plain;
        }

        var builder = new StringBuilder();
        while (_text[_pos] != quote)
        {
            var c = _text[_pos++];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = _text[_pos++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'u':
                    builder.Append((char)int.Parse(_text.AsSpan(_pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _pos += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }

        _pos++;
        return builder.ToString();
    }

    private double ParseNumber()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
            _pos++;
        return double.Parse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private string ParseIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '$'))
            _pos++;
        if (_pos == start)
            throw new InvalidDataException($"unexpected '{_text[_pos]}' at {_pos} in a model bundle");
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        if (_text[_pos] != c)
            throw new InvalidDataException($"expected '{c}' at {_pos} in a model bundle, found '{_text[_pos]}'");
        _pos++;
    }

    private void SkipWhitespace()
    {
        while (char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }
}
