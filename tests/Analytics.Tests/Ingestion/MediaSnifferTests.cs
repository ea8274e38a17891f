using Insights.Analytics.Ingestion;

namespace Insights.Analytics.Tests.Ingestion;

public class MediaSnifferTests
{
    public static TheoryData<byte[], string> Headers => new()
    {
        { TestMedia.Jpeg("x"), "image/jpeg" },
        { TestMedia.Png(1), "image/png" },
        { "GIF89a\x01\0\x01\0"u8.ToArray(), "image/gif" },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], "image/webp" },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "AVI LIST"u8], "video/x-msvideo" },
        { [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81], "video/webm" },
        { [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0], "video/mp4" },
        { [0, 0, 0, 0x14, .. "ftypqt  "u8, 0, 0, 0, 0], "video/quicktime" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void SupportedFormats_AreRecognisedFromTheirFirstBytes(byte[] content, string expected) =>
        Assert.Equal(expected, MediaSniffer.Sniff(content.AsSpan(0, Math.Min(content.Length, MediaSniffer.HeaderLength))));

    [Fact]
    public void ThePngSignature_IsTheEightBytesOfTheSpecification()
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

        Assert.Equal("image/png", MediaSniffer.Sniff(signature));
        Assert.Null(MediaSniffer.Sniff([0xC2, .. signature]));
    }

    [Theory]
    [InlineData("post_id,likes\n")]
    [InlineData("<html></html>")]
    [InlineData("")]
    public void OtherContent_IsNotMedia(string text) => Assert.Null(MediaSniffer.Sniff(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Extensions_FollowTheSniffedType()
    {
        Assert.Equal(".png", MediaSniffer.Extension("image/png"));
        Assert.Equal(".mov", MediaSniffer.Extension("video/quicktime"));
        Assert.Equal(".jpg", MediaSniffer.Extension("image/jpeg"));
    }
}
