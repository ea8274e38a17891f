using Insights.Analytics.Ingestion.Tables;

namespace Insights.Analytics.Tests.Ingestion.Tables;

public class JsonLinesTableReaderTests
{
    private static void AssertValues(string?[] expected, IEnumerable<string?> actual) => Assert.Equal<IEnumerable<string?>>(expected, actual);

    private static JsonLinesTableReader Open(string text) => new(new StringReader(text));

    [Fact]
    public void TheKeysOfTheFirstObject_AreTheColumns()
    {
        using var reader = Open("{\"post_id\":\"p1\",\"likes\":12,\"video\":true,\"caption\":null}\n{\"post_id\":\"p2\",\"likes\":3.5,\"video\":false,\"caption\":\"hi\"}\n");

        Assert.Equal(["post_id", "likes", "video", "caption"], reader.Header);
        Assert.True(reader.Read());
        AssertValues(["p1", "12", "true", null], [reader[0], reader[1], reader[2], reader[3]]);
        Assert.Equal(1, reader.Line);
        Assert.True(reader.Read());
        AssertValues(["p2", "3.5", "false", "hi"], [reader[0], reader[1], reader[2], reader[3]]);
        Assert.False(reader.Read());
    }

    [Fact]
    public void MissingKeys_AreNull_AndExtraKeysAreIgnored()
    {
        using var reader = Open("{\"post_id\":\"p1\",\"likes\":1}\n{\"likes\":2,\"extra\":\"x\"}\n");

        reader.Read();
        Assert.True(reader.Read());
        Assert.Null(reader[0]);
        Assert.Equal("2", reader[1]);
        Assert.Equal(2, reader.Header.Count);
    }

    [Fact]
    public void ArraysBecomePipeSeparatedValues_AndBlankStringsAreMissing()
    {
        using var reader = Open("{\"media\":[\"a.jpg\",\"b.jpg\"],\"caption\":\"  \"}\n");

        Assert.True(reader.Read());
        Assert.Equal("a.jpg|b.jpg", reader[0]);
        Assert.Null(reader[1]);
    }

    [Fact]
    public void BlankLines_AreSkipped_AndLinesKeepTheirNumbers()
    {
        using var reader = Open("\n{\"id\":1}\n\n{\"id\":2}\n");

        Assert.True(reader.Read());
        Assert.Equal(2, reader.Line);
        Assert.True(reader.Read());
        Assert.Equal(4, reader.Line);
    }

    [Fact]
    public void ABadLine_ThrowsWithItsLineNumber()
    {
        using var reader = Open("{\"id\":1}\n{\"id\":2}\n{\"id\": oops}\n");

        Assert.True(reader.Read());
        Assert.True(reader.Read());
        var error = Assert.Throws<TableFormatException>(() => reader.Read());

        Assert.Equal(3, error.Line);
        Assert.Contains("invalid JSON", error.Message);
    }

    [Fact]
    public void ALineThatIsNotAnObject_Throws()
    {
        using var reader = Open("{\"id\":1}\n[1,2]\n");

        reader.Read();
        var error = Assert.Throws<TableFormatException>(() => reader.Read());

        Assert.Equal(2, error.Line);
        Assert.Contains("JSON object", error.Message);
    }

    [Fact]
    public void ABadFirstLine_ThrowsWhenOpening()
    {
        var error = Assert.Throws<TableFormatException>(() => Open("not json\n"));

        Assert.Equal(1, error.Line);
    }
}
