using System.Text;
using Insights.Analytics.Ingestion.Tables;

namespace Insights.Analytics.Tests.Ingestion.Tables;

public class CsvTableReaderTests
{
    private static void AssertValues(string?[] expected, IEnumerable<string?> actual) => Assert.Equal<IEnumerable<string?>>(expected, actual);

    private static List<(long Line, string?[] Values)> ReadAll(CsvTableReader reader)
    {
        var rows = new List<(long, string?[])>();
        while (reader.Read())
            rows.Add((reader.Line, Enumerable.Range(0, reader.FieldCount).Select(i => reader[i]).ToArray()));
        return rows;
    }

    private static CsvTableReader Open(string text) => new(new StringReader(text));

    [Fact]
    public void QuotedFields_KeepSeparatorsAndEscapedQuotes()
    {
        using var reader = Open("id,caption,likes\n1,\"Hello, world\",5\n2,\"She said \"\"hi\"\"\",6\n");

        var rows = ReadAll(reader);

        Assert.Equal(["id", "caption", "likes"], reader.Header);
        AssertValues(["1", "Hello, world", "5"], rows[0].Values);
        AssertValues(["2", "She said \"hi\"", "6"], rows[1].Values);
    }

    [Fact]
    public void EmbeddedNewlines_StayInTheField_AndLaterRecordsKeepTheirPhysicalLineNumbers()
    {
        using var reader = Open("id,caption\n1,\"line one\nline two\nline three\"\n2,plain\n3,\"a\r\nb\"\n4,x\n");

        var rows = ReadAll(reader);

        Assert.Equal("line one\nline two\nline three", rows[0].Values[1]);
        Assert.Equal([2L, 5L, 6L, 8L], rows.Select(r => r.Line));
        Assert.Equal("a\r\nb", rows[2].Values[1]);
    }

    [Fact]
    public void CrlfLineEnds_AreRecordSeparators()
    {
        using var reader = Open("id,likes\r\n1,5\r\n2,6\r\n");

        var rows = ReadAll(reader);

        Assert.Equal(["id", "likes"], reader.Header);
        Assert.Equal([["1", "5"], ["2", "6"]], rows.Select(r => r.Values));
        Assert.Equal([2L, 3L], rows.Select(r => r.Line));
    }

    [Fact]
    public void AByteOrderMark_IsNotPartOfTheFirstColumnName()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("post_id,likes\np1,3\n")).ToArray();
        using var reader = new CsvTableReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true));

        Assert.Equal("post_id", reader.Header[0]);
        Assert.True(reader.Read());
        Assert.Equal("p1", reader[0]);
    }

    [Theory]
    [InlineData("id;caption;likes\n1;\"a, b; c\";5\n", "a, b; c")]
    [InlineData("id\tcaption\tlikes\n1\t\"a, b; c\"\t5\n", "a, b; c")]
    [InlineData("id,caption,likes\n1,\"a; b\",5\n", "a; b")]
    public void TheSeparator_IsDetectedOnTheHeader(string text, string caption)
    {
        using var reader = Open(text);

        Assert.Equal(["id", "caption", "likes"], reader.Header);
        Assert.True(reader.Read());
        AssertValues(["1", caption, "5"], [reader[0], reader[1], reader[2]]);
    }

    [Fact]
    public void SemicolonsInsideAQuotedHeader_DoNotFoolDetection()
    {
        using var reader = Open("\"a;b;c\",likes\n1,2\n");

        Assert.Equal(["a;b;c", "likes"], reader.Header);
    }

    [Fact]
    public void AnUnclosedQuote_ThrowsWithTheLineWhereTheRecordStarts()
    {
        using var reader = Open("id,caption\n1,ok\n2,\"never closed\n3,more\n4,rest\n");

        Assert.True(reader.Read());
        var error = Assert.Throws<TableFormatException>(() => reader.Read());

        Assert.Equal(3, error.Line);
        Assert.Contains("not closed", error.Message);
    }

    [Fact]
    public void EmptyAndMissingFields_AreNull_AndUnquotedFieldsAreTrimmed()
    {
        using var reader = Open("a,b,c,d\n 1 ,,\"\",\"  kept  \"\n2\n");

        Assert.True(reader.Read());
        Assert.Equal("1", reader[0]);
        Assert.Null(reader[1]);
        Assert.Null(reader[2]);      // a quoted empty field is empty too
        Assert.Equal("  kept  ", reader[3]);
        Assert.True(reader.Read());
        Assert.Equal("2", reader[0]);
        Assert.Null(reader[3]);      // a short row: the column is absent
    }

    [Fact]
    public void BlankLines_AreSkipped_AndALastLineWithoutNewlineIsRead()
    {
        using var reader = Open("id,likes\n\n1,5\n\n\n2,6");

        var rows = ReadAll(reader);

        Assert.Equal([["1", "5"], ["2", "6"]], rows.Select(r => r.Values));
        Assert.Equal([3L, 6L], rows.Select(r => r.Line));
    }

    [Fact]
    public void RecordsLongerThanTheReadBuffer_AreReadWhole()
    {
        var caption = new string('x', 200_000) + "\"\"," + new string('y', 10);
        using var reader = Open($"id,caption,likes\n1,\"{caption}\",5\n2,b,6\n");

        var rows = ReadAll(reader);

        Assert.Equal(new string('x', 200_000) + "\"," + new string('y', 10), rows[0].Values[1]);
        Assert.Equal("5", rows[0].Values[2]);
        Assert.Equal(3, rows[1].Line);
    }

    [Fact]
    public void ManyMixedRecords_ReadBackAsWritten_AcrossEveryReadBufferBoundary()
    {
        // About 2 MB: plain, padded, empty and quoted fields (with separators, doubled quotes and line breaks) land on every
        // position relative to the 64 KiB read buffer, so runs copied in one step must still stop and resume correctly.
        var random = new Random(5);
        var text = new StringBuilder("a,b,c,d\n");
        var expected = new List<(long Line, string?[] Values)>();
        long line = 2;
        for (var r = 0; r < 20_000; r++)
        {
            var values = new string?[4];
            var cells = new string[4];
            var breaks = 0;
            for (var c = 0; c < 4; c++)
            {
                var word = new string((char)('a' + random.Next(26)), random.Next(1, 40)) + random.Next(100_000);
                switch (random.Next(5))
                {
                    case 0:
                        (cells[c], values[c]) = ("", null);
                        break;
                    case 1:
                        (cells[c], values[c]) = ("  " + word + " ", word);
                        break;
                    case 2:
                        var quoted = word + ", \"x\"\n" + word;
                        breaks++;
                        (cells[c], values[c]) = ("\"" + quoted.Replace("\"", "\"\"") + "\"", quoted);
                        break;
                    default:
                        (cells[c], values[c]) = (word, word);
                        break;
                }
            }
            text.Append(string.Join(',', cells)).Append(random.Next(3) == 0 ? "\r\n" : "\n");
            expected.Add((line, values));
            line += 1 + breaks;
        }
        using var reader = Open(text.ToString());

        var rows = ReadAll(reader);

        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Line, rows[i].Line);
            AssertValues(expected[i].Values, rows[i].Values);
        }
    }

    [Fact]
    public void AnEmptyFile_HasNoHeaderAndNoRows()
    {
        using var reader = Open("");

        Assert.Empty(reader.Header);
        Assert.False(reader.Read());
    }
}
